package dev.safedelete.catalog;

import java.sql.Types;
import java.util.Locale;

/**
 * Coarse kinds of column types, to tell whether a declared relationship pairs columns that can hold equal values
 * ({@code integer} with {@code bigint}: yes; {@code integer} with {@code varchar}: no) across the spellings of
 * different databases.
 */
public enum TypeFamily {
    INTEGER, DECIMAL, FLOAT, TEXT, BINARY, BOOLEAN, DATE, TIME, TIMESTAMP, OTHER;

    public static TypeFamily of(Column column) {
        return switch (column.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> FLOAT;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            case Types.BIT, Types.BOOLEAN -> BOOLEAN;
            case Types.DATE -> DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
            default -> OTHER;
        };
    }

    /**
     * Whether a child column can reference a parent column: same family, or integer with decimal (ids kept as
     * {@code numeric(10)} are common). Types the JDBC codes cannot tell apart ({@code uuid}, {@code json}, ...)
     * must have the same base name.
     */
    public static boolean compatible(Column child, Column parent) {
        var a = of(child);
        var b = of(parent);
        if (a == OTHER || b == OTHER) {
            return a == b && baseName(child.type()).equals(baseName(parent.type()));
        }
        return a == b || (a == INTEGER && b == DECIMAL) || (a == DECIMAL && b == INTEGER);
    }

    /** {@code varchar(40)} → {@code varchar}; {@code "public"."mood"} → {@code "public"."mood"}. */
    static String baseName(String type) {
        var t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        return paren < 0 ? t : t.substring(0, paren).trim();
    }
}
