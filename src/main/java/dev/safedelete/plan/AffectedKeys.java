package dev.safedelete.plan;

import dev.safedelete.catalog.TableName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Every key of a plan, kept with the plan in the store as one compressed blob: per (table, outcome) group the keys the
 * preview counted, and per updating relationship the rows it changes. {@code /rows} pages through it and
 * {@code /script} renders it, so both show exactly the rows the plan was made of, not what the data says now. Read
 * as a stream, so paging never holds more than one key at a time.
 */
public final class AffectedKeys {

    /**
     * What a section holds: a (table, outcome) {@code GROUP}, the rows one relationship updates ({@code UPDATE}), or a
     * {@code TALLY}: a leaf table's deleted rows, counted and not listed, as every row referencing the deleted rows of
     * the relationship's parent table (the parent's GROUP section lists them).
     *
     * @param columns the columns an UPDATE section changes; empty otherwise
     * @param size    the keys that follow; none for a TALLY
     * @param rows    the rows the section stands for: {@code size}, or a TALLY's count
     * @param hash    a TALLY's hash, as {@link AffectedSet.Tally}; null otherwise
     */
    public record Section(int index, String kind, TableName table, String outcome, String relationship,
                          java.util.List<String> columns, int arity, int size, long rows, java.math.BigInteger hash) {
    }

    public interface Visitor {
        /** Answers whether to read this section's keys; skipped sections cost no decoding. */
        boolean section(Section section);

        /** Answers whether to go on reading. */
        boolean key(Section section, int position, Object[] key);
    }

    private AffectedKeys() {
    }

    public static byte[] write(AffectedSet set, java.util.function.ToIntFunction<TableName> arity) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            for (var e : set.groups().entrySet()) {
                section(out, "GROUP", e.getKey().table(), e.getKey().outcome().name(), "", java.util.List.of(),
                        arity.applyAsInt(e.getKey().table()), e.getValue());
            }
            for (AffectedSet.Update u : set.updates()) {
                TableName t = u.rule().relationship().childTable();
                section(out, "UPDATE", t, u.outcome().name(), u.rule().relationship().id(), u.columns(), arity.applyAsInt(t),
                        u.rows());
            }
            for (var e : set.tallies().entrySet()) {
                section(out, "TALLY", e.getKey(), Outcome.DELETE.name(), e.getValue().relationship(), java.util.List.of(),
                        arity.applyAsInt(e.getKey()), new KeySet());
                out.writeLong(e.getValue().rows());
                out.writeUTF(e.getValue().hash().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void section(DataOutputStream out, String kind, TableName t, String outcome, String relationship,
                                java.util.List<String> columns, int arity, KeySet keys) throws IOException {
        out.writeUTF(kind);
        out.writeUTF(t.schema() == null ? "" : t.schema());
        out.writeUTF(t.name());
        out.writeUTF(outcome);
        out.writeUTF(relationship);
        out.writeInt(columns.size());
        for (String c : columns) {
            out.writeUTF(c);
        }
        out.writeInt(arity);
        out.writeInt(keys.size());
        for (byte[] k : keys) {
            out.writeInt(k.length);
            out.write(k);
        }
    }

    /** Reads every section of {@code blob}; a plan without keys (none stored) has no sections. */
    public static void read(byte[] blob, Visitor visitor) {
        if (blob == null) {
            return;
        }
        try (var in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(blob)))) {
            for (int index = 0; ; index++) {
                String kind;
                try {
                    kind = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                String schema = in.readUTF();
                TableName table = new TableName(schema.isEmpty() ? null : schema, in.readUTF());
                String outcome = in.readUTF();
                String relationship = in.readUTF();
                var columns = new java.util.ArrayList<String>();
                for (int c = in.readInt(); c > 0; c--) {
                    columns.add(in.readUTF());
                }
                int arity = in.readInt();
                int size = in.readInt();
                boolean tally = kind.equals("TALLY");
                var section = new Section(index, kind, table, outcome, relationship, java.util.List.copyOf(columns),
                        arity, size, tally ? in.readLong() : size, tally ? new java.math.BigInteger(in.readUTF()) : null);
                boolean wanted = visitor.section(section);
                for (int i = 0; i < section.size(); i++) {
                    byte[] k = new byte[in.readInt()];
                    in.readFully(k);
                    if (wanted && !visitor.key(section, i, KeyCodec.decode(k, section.arity()))) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
