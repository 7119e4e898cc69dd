package dev.safedelete.catalog;

import java.util.List;

/**
 * A relationship kept by the application rather than by a constraint (the PlanetScale / Vitess way), as written
 * in configuration: {@code safedelete.targets.<target>.declared-relationships.<name>.*}. Table names may be bare
 * when unique; they are resolved and checked against the catalog before the relationship is used.
 */
public record DeclaredRelationship(String name,
                                   String childTable,
                                   List<String> childColumns,
                                   String parentTable,
                                   List<String> parentColumns,
                                   Rule onDelete,
                                   Rule onUpdate) {

    public DeclaredRelationship {
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
    }
}
