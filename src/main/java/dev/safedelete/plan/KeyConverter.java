package dev.safedelete.plan;

import dev.safedelete.catalog.Column;
import dev.safedelete.catalog.Table;
import dev.safedelete.error.InvalidRequestException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the caller's root keys ({@code [{"id": 1001}]}) into primary-key tuples of the column types, naming the field
 * of every value that does not fit ({@code keys[0].id}). Column names come from the catalog only; values are later
 * bound as parameters, never written into SQL.
 */
public final class KeyConverter {

    private KeyConverter() {
    }

    public static List<Object[]> convert(Table table, List<Map<String, Object>> keys, String field) {
        var out = new ArrayList<Object[]>();
        var errors = new LinkedHashMap<String, String>();
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> key = keys.get(i);
            String at = field + "[" + i + "]";
            if (key == null) {
                errors.put(at, "a key is an object giving every primary-key column " + table.primaryKey());
                continue;
            }
            for (String given : key.keySet()) {
                if (columnFor(table, given) == null) {
                    errors.put(at + "." + given, "not a primary-key column of " + table.name().qualified()
                            + "; the primary key is " + table.primaryKey());
                }
            }
            Object[] tuple = new Object[table.primaryKey().size()];
            for (int c = 0; c < tuple.length; c++) {
                String column = table.primaryKey().get(c);
                String given = key.keySet().stream().filter(column::equals).findFirst()
                        .orElse(key.keySet().stream().filter(column::equalsIgnoreCase).findFirst().orElse(null));
                if (given == null) {
                    errors.put(at + "." + column, "missing: every primary-key column must be given");
                    continue;
                }
                Column col = table.column(column).orElseThrow();
                try {
                    tuple[c] = value(col, key.get(given));
                } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                    errors.put(at + "." + given, e.getMessage() == null ? "does not fit " + col.type() : e.getMessage());
                }
            }
            out.add(tuple);
        }
        if (table.primaryKey().isEmpty()) {
            errors.put("table", table.name().qualified() + " has no primary key; SafeDelete needs one to name rows");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.Reason.INVALID_KEY,
                    errors.entrySet().iterator().next().getKey() + ": " + errors.values().iterator().next(),
                    Map.of("errors", errors.entrySet().stream()
                            .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList()));
        }
        return out;
    }

    private static String columnFor(Table table, String given) {
        for (String c : table.primaryKey()) {
            if (c.equals(given) || c.equalsIgnoreCase(given)) {
                return c;
            }
        }
        return null;
    }

    /** The Java value of one key column, by the column's JDBC type. */
    static Object value(Column col, Object v) {
        String expected = "expected " + col.type();
        if (v == null) {
            throw new IllegalArgumentException("a primary-key value cannot be null");
        }
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException(expected + ", got " + (v instanceof Map ? "an object" : "an array"));
        }
        switch (col.jdbcType()) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                BigInteger n = integral(v, expected);
                if (n.bitLength() > 63) {
                    throw new IllegalArgumentException(expected + ": " + n + " is out of range");
                }
                return n.longValue();
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                return KeyCodec.normalize(decimal(v, expected));
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                return decimal(v, expected).doubleValue();
            }
            case Types.BOOLEAN, Types.BIT -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException(expected + " (true or false)");
            }
            case Types.DATE -> {
                return LocalDate.parse(text(v, expected));
            }
            case Types.TIMESTAMP -> {
                return LocalDateTime.parse(text(v, expected));
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                return OffsetDateTime.parse(text(v, expected));
            }
            case Types.TIME -> {
                return LocalTime.parse(text(v, expected));
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                return Base64.getDecoder().decode(text(v, expected + " as base64"));
            }
            default -> {
                if (col.type().toLowerCase(Locale.ROOT).startsWith("uuid")) {
                    return UUID.fromString(text(v, expected));
                }
                if (v instanceof String s) {
                    return s;
                }
                if (v instanceof Number n) {
                    return n.toString();
                }
                throw new IllegalArgumentException(expected + ", got " + v.getClass().getSimpleName().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static BigInteger integral(Object v, String expected) {
        BigDecimal d = decimal(v, expected);
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(expected + ": " + d.toPlainString() + " is not a whole number");
        }
    }

    private static BigDecimal decimal(Object v, String expected) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(expected + ", got " + d);
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof String s && s.length() <= 100) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected + ", got the text \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException(expected + ", got " + (v instanceof String ? "a long text" : v.getClass().getSimpleName()));
    }

    private static String text(Object v, String expected) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(expected + " as a string");
    }
}
