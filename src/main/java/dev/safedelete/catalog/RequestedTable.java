package dev.safedelete.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table a caller named ({@code schema.table}, or a bare {@code table} when only one schema has it), or the
 * exception that says why there is none: an unknown table, or an ambiguous name with its candidates.
 */
public final class RequestedTable {

    private RequestedTable() {
    }

    public static TableName require(Catalog catalog, String target, String given) {
        var result = TableLookup.resolve(catalog, given);
        if (result instanceof TableLookup.Found found) {
            return found.table();
        }
        if (result instanceof TableLookup.Ambiguous ambiguous) {
            var candidates = ambiguous.candidates().stream().map(TableName::qualified).toList();
            throw new AmbiguousTableException("Table '" + given + "' exists in several schemas of target '" + target
                    + "': " + String.join(", ", candidates) + "; name it as schema.table",
                    fields(target, given, candidates));
        }
        throw new UnknownTableException("Target '" + target + "' has no table '" + given + "'",
                fields(target, given, null));
    }

    /** The facts of the failure, in a stable order: target, table, then the candidates when there are some. */
    private static Map<String, Object> fields(String target, String given, List<String> candidates) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("target", target);
        fields.put("table", String.valueOf(given));
        if (candidates != null) {
            fields.put("candidates", candidates);
        }
        return fields;
    }
}
