package dev.safedelete.plan;

import dev.safedelete.sql.Dialect;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Values written as SQL literals, for the script a DBA reads. Only {@code /script} uses this: every statement the
 * service runs binds its values as parameters.
 */
final class SqlLiterals {

    private SqlLiterals() {
    }

    static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Number) {
            return v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (v instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    /** The executor's key predicate with the values written in. */
    static String keyPredicate(Dialect dialect, List<String> columns, List<Object[]> keys) {
        if (columns.size() == 1) {
            return dialect.quote(columns.get(0)) + " IN (" + keys.stream().map(k -> literal(k[0]))
                    .collect(Collectors.joining(", ")) + ")";
        }
        return "(" + dialect.columnList(columns) + ") IN (" + keys.stream()
                .map(k -> "(" + java.util.Arrays.stream(k).map(SqlLiterals::literal).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", ")) + ")";
    }
}
