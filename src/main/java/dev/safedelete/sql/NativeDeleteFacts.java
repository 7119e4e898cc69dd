package dev.safedelete.sql;

import java.util.List;
import java.util.Map;

/**
 * What the planner learned that a database's own {@code DELETE} might trip over, so each dialect can say in the
 * plan's warnings what would differ there.
 *
 * @param selfReferencingRows rows that reference themselves, by relationship id
 * @param cascadeDepth        the deepest chain of cascading deletes from a root (at least)
 * @param multiplePathTables  tables reached by more than one cascading relationship
 */
public record NativeDeleteFacts(Map<String, Long> selfReferencingRows, int cascadeDepth,
                                List<String> multiplePathTables) {
}
