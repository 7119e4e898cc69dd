package dev.safedelete.sql;

import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Values written as SQL literals, for the script a DBA reads ({@link SqlStatement#inline}). Every statement the service
 * runs binds its values as parameters.
 */
final class SqlLiterals {

    private SqlLiterals() {
    }

    static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof SqlArray a) {
            return "ARRAY[" + a.elements().stream().map(SqlLiterals::literal).collect(Collectors.joining(", "))
                    + "]::" + a.elementType() + "[]";
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
}
