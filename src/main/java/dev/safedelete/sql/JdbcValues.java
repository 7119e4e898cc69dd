package dev.safedelete.sql;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Values as every part of the service compares, encodes and binds them. */
public final class JdbcValues {

    private JdbcValues() {
    }

    /** The canonical Java form of a JDBC value: one Java type per kind of value, whatever the driver returned. */
    public static Object normalize(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
        }
        if (v instanceof BigDecimal bd) {
            BigDecimal s = bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() < 19) {
                return s.longValueExact();
            }
            return s;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        return v;
    }
}
