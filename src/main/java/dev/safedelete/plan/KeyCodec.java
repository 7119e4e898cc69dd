package dev.safedelete.plan;

import dev.safedelete.sql.JdbcValues;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Turns a tuple of key values into a compact byte string and back. The affected set holds millions of keys; as
 * {@code Object[]} or strings they would cost about a hundred bytes each, encoded they cost their payload plus a tag.
 * Values are normalised first, so that the same database value read through different drivers or JDBC getters
 * always encodes to the same bytes (an {@code int4} read as Integer and a caller's 7 as Long, for instance).
 */
public final class KeyCodec {

    private static final byte NULL = 0, LONG = 1, STRING = 2, DECIMAL = 3, UUID_ = 4, BOOL = 5, BYTES = 6,
            DATE = 7, TIMESTAMP = 8, TIMESTAMPTZ = 9, DOUBLE = 10, TIME = 11, OTHER = 12;

    private KeyCodec() {
    }

    /** The canonical Java form of a JDBC value, used for encoding, binding and JSON ({@link JdbcValues#normalize}). */
    public static Object normalize(Object v) {
        return JdbcValues.normalize(v);
    }

    public static byte[] encode(Object[] values) {
        byte[] integers = encodeIntegers(values);
        if (integers != null) {
            return integers;
        }
        var out = new ByteArrayOutputStream(16);
        for (Object raw : values) {
            Object v = normalize(raw);
            if (v == null) {
                out.write(NULL);
            } else if (v instanceof Long l) {
                out.write(LONG);
                writeLong(out, l);
            } else if (v instanceof String s) {
                writeTagged(out, STRING, s.getBytes(StandardCharsets.UTF_8));
            } else if (v instanceof BigDecimal bd) {
                writeTagged(out, DECIMAL, bd.toPlainString().getBytes(StandardCharsets.US_ASCII));
            } else if (v instanceof UUID u) {
                out.write(UUID_);
                writeLong(out, u.getMostSignificantBits());
                writeLong(out, u.getLeastSignificantBits());
            } else if (v instanceof Boolean b) {
                out.write(BOOL);
                out.write(b ? 1 : 0);
            } else if (v instanceof byte[] bytes) {
                writeTagged(out, BYTES, bytes);
            } else if (v instanceof LocalDate d) {
                out.write(DATE);
                writeLong(out, d.toEpochDay());
            } else if (v instanceof LocalDateTime t) {
                writeTagged(out, TIMESTAMP, t.toString().getBytes(StandardCharsets.US_ASCII));
            } else if (v instanceof OffsetDateTime t) {
                writeTagged(out, TIMESTAMPTZ, t.toString().getBytes(StandardCharsets.US_ASCII));
            } else if (v instanceof Double d) {
                out.write(DOUBLE);
                writeLong(out, Double.doubleToLongBits(d));
            } else if (v instanceof LocalTime t) {
                writeTagged(out, TIME, t.toString().getBytes(StandardCharsets.US_ASCII));
            } else {
                writeTagged(out, OTHER, v.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /**
     * The same bytes as the general path for a tuple of integers only (the usual key), without its stream and
     * per-byte calls; null when some value is not an integer.
     */
    private static byte[] encodeIntegers(Object[] values) {
        for (Object v : values) {
            if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
                return null;
            }
        }
        byte[] out = new byte[9 * values.length];
        int p = 0;
        for (Object v : values) {
            long l = ((Number) v).longValue();
            out[p++] = LONG;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[p++] = (byte) (l >>> shift);
            }
        }
        return out;
    }

    public static Object[] decode(byte[] bytes, int arity) {
        var in = ByteBuffer.wrap(bytes);
        Object[] values = new Object[arity];
        for (int i = 0; i < arity; i++) {
            byte tag = in.get();
            values[i] = switch (tag) {
                case NULL -> null;
                case LONG -> in.getLong();
                case STRING, OTHER -> new String(readBytes(in), StandardCharsets.UTF_8);
                case DECIMAL -> new BigDecimal(new String(readBytes(in), StandardCharsets.US_ASCII));
                case UUID_ -> new UUID(in.getLong(), in.getLong());
                case BOOL -> in.get() != 0;
                case BYTES -> readBytes(in);
                case DATE -> LocalDate.ofEpochDay(in.getLong());
                case TIMESTAMP -> LocalDateTime.parse(new String(readBytes(in), StandardCharsets.US_ASCII));
                case TIMESTAMPTZ -> OffsetDateTime.parse(new String(readBytes(in), StandardCharsets.US_ASCII));
                case DOUBLE -> Double.longBitsToDouble(in.getLong());
                case TIME -> LocalTime.parse(new String(readBytes(in), StandardCharsets.US_ASCII));
                default -> throw new IllegalStateException("corrupt key encoding, tag " + tag);
            };
        }
        return values;
    }

    private static void writeTagged(ByteArrayOutputStream out, byte tag, byte[] payload) {
        out.write(tag);
        writeVarInt(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    private static byte[] readBytes(ByteBuffer in) {
        int len = readVarInt(in);
        byte[] b = new byte[len];
        in.get(b);
        return b;
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }

    static void writeVarInt(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarInt(ByteBuffer in) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }
}
