package dev.safedelete.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks relationships declared in configuration against the catalog and turns the valid ones into
 * {@link Relationship}s with source DECLARED. A declaration with any error yields no relationship; every error
 * names its declaration, so an operator can fix the configuration from the message alone.
 */
public final class DeclaredRelationships {

    private DeclaredRelationships() {
    }

    /** The relationships that passed and the errors of those that did not. */
    public record Resolution(List<Relationship> relationships, List<String> errors) {
        public Resolution {
            relationships = List.copyOf(relationships);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Resolution resolve(Catalog catalog, List<DeclaredRelationship> declarations) {
        var relationships = new ArrayList<Relationship>();
        var errors = new ArrayList<String>();
        var ids = catalog.relationships().stream().map(Relationship::id).collect(Collectors.toCollection(HashSet::new));
        for (var declaration : declarations) {
            var problems = new ArrayList<String>();
            var relationship = check(catalog, declaration, problems);
            if (relationship != null && !ids.add(relationship.id())) {
                problems.add("its id " + relationship.id() + " is already taken by another relationship");
            }
            if (problems.isEmpty() && relationship != null) {
                relationships.add(relationship);
            }
            problems.forEach(p -> errors.add("declared relationship '" + declaration.name() + "': " + p));
        }
        return new Resolution(relationships, errors);
    }

    private static Relationship check(Catalog catalog, DeclaredRelationship d, List<String> problems) {
        var child = table(catalog, "child", d.childTable(), problems);
        var parent = table(catalog, "parent", d.parentTable(), problems);
        if (d.childColumns().isEmpty() || d.childColumns().size() != d.parentColumns().size()) {
            problems.add("column counts differ: " + d.childColumns().size() + " child column(s) " + d.childColumns()
                    + " for " + d.parentColumns().size() + " parent column(s) " + d.parentColumns());
        }
        var childColumns = child.map(t -> columns(t, d.childColumns(), problems)).orElse(null);
        var parentColumns = parent.map(t -> columns(t, d.parentColumns(), problems)).orElse(null);
        if (childColumns == null || parentColumns == null || !problems.isEmpty()) {
            return null;
        }
        for (int i = 0; i < childColumns.size(); i++) {
            var c = childColumns.get(i);
            var p = parentColumns.get(i);
            if (!TypeFamily.compatible(c, p)) {
                problems.add("mismatched types: " + child.get().name() + "." + c.name() + " is " + c.type() + " but "
                        + parent.get().name() + "." + p.name() + " is " + p.type());
            }
        }
        var parentNames = parentColumns.stream().map(Column::name).toList();
        if (!parent.get().isKey(parentNames)) {
            problems.add("parent columns " + parentNames + " of " + parent.get().name()
                    + " are not its primary key or a unique key");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        var childNames = childColumns.stream().map(Column::name).toList();
        var childTable = child.get();
        return new Relationship(Relationship.idOf(childTable.name(), d.name()), d.name(), childTable.name(),
                childNames, parent.get().name(), parentNames,
                d.onDelete() == null ? Rule.NO_ACTION : d.onDelete(), d.onUpdate() == null ? Rule.NO_ACTION : d.onUpdate(),
                List.of(), false, false, childTable.hasIndexLeadingWith(childNames), Relationship.Source.DECLARED);
    }

    private static Optional<Table> table(Catalog catalog, String role, String given, List<String> problems) {
        var result = TableLookup.resolve(catalog, given);
        if (result instanceof TableLookup.Found found) {
            return catalog.table(found.table());
        }
        if (result instanceof TableLookup.Ambiguous ambiguous) {
            problems.add(role + " table '" + given + "' is ambiguous: it may be any of "
                    + ambiguous.candidates().stream().map(TableName::qualified).collect(Collectors.joining(", ")));
        } else {
            problems.add("unknown " + role + " table '" + given + "'");
        }
        return Optional.empty();
    }

    /** The named columns, exactly or else ignoring case; null when one is missing (each missing one reported). */
    private static List<Column> columns(Table table, List<String> names, List<String> problems) {
        var result = new ArrayList<Column>();
        boolean missing = false;
        for (var name : names) {
            var column = table.column(name).or(() -> {
                var loose = table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
                return loose.size() == 1 ? Optional.of(loose.get(0)) : Optional.empty();
            });
            if (column.isPresent()) {
                result.add(column.get());
            } else {
                missing = true;
                problems.add("unknown column '" + name + "' in " + table.name());
            }
        }
        return missing ? null : result;
    }
}
