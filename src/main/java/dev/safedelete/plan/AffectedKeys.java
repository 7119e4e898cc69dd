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

    /** What a section holds, written by name into the blob (so blobs written before it was an enum read the same). */
    public enum Kind {
        /** A (table, outcome) group's keys. */
        GROUP,
        /** The rows one relationship updates. */
        UPDATE,
        /**
         * A leaf table's deleted rows, counted and not listed, as every row referencing the deleted rows of the
         * relationship's parent table (the parent's GROUP section lists them).
         */
        TALLY
    }

    /**
     * One section of the blob. Its kind is asked about in this class only: callers ask the questions below.
     *
     * @param columns the columns an UPDATE section changes; empty otherwise
     * @param size    the keys that follow; none for a TALLY
     * @param rows    the rows the section stands for: {@code size}, or a TALLY's count
     * @param hash    a TALLY's hash, as {@link AffectedSet.Tally}; null otherwise
     */
    public record Section(int index, Kind kind, TableName table, Outcome outcome, String relationship,
                          java.util.List<String> columns, int arity, int size, long rows, java.math.BigInteger hash) {

        /** The rows one relationship updates; the same rows are in their table's (table, outcome) GROUP too. */
        public boolean isUpdate() {
            return kind == Kind.UPDATE;
        }

        /** Counted, not listed: its keys are read live (and checked against {@code rows} and {@code hash}). */
        public boolean isTally() {
            return kind == Kind.TALLY;
        }

        /** The listed keys of the rows deleted from its table. */
        public boolean isDeleteGroup() {
            return kind == Kind.GROUP && outcome == Outcome.DELETE;
        }
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
                section(out, Kind.GROUP, e.getKey().table(), e.getKey().outcome(), "", java.util.List.of(),
                        arity.applyAsInt(e.getKey().table()), e.getValue());
            }
            for (AffectedSet.Update u : set.updates()) {
                TableName t = u.rule().relationship().childTable();
                section(out, Kind.UPDATE, t, u.outcome(), u.rule().relationship().id(), u.columns(), arity.applyAsInt(t),
                        u.rows());
            }
            for (var e : set.tallies().entrySet()) {
                section(out, Kind.TALLY, e.getKey(), Outcome.DELETE, e.getValue().relationship(), java.util.List.of(),
                        arity.applyAsInt(e.getKey()), new KeySet());
                out.writeLong(e.getValue().rows());
                out.writeUTF(e.getValue().hash().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void section(DataOutputStream out, Kind kind, TableName t, Outcome outcome, String relationship,
                                java.util.List<String> columns, int arity, KeySet keys) throws IOException {
        out.writeUTF(kind.name());
        out.writeUTF(t.schema() == null ? "" : t.schema());
        out.writeUTF(t.name());
        out.writeUTF(outcome.name());
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

    /** Every section of {@code blob}, without its keys. */
    public static java.util.List<Section> sections(byte[] blob) {
        var out = new java.util.ArrayList<Section>();
        read(blob, new Visitor() {
            @Override
            public boolean section(Section s) {
                out.add(s);
                return false;
            }

            @Override
            public boolean key(Section s, int position, Object[] key) {
                return false;
            }
        });
        return out;
    }

    /** Keys {@code skip} to {@code skip + max} of the sections {@code which} picks, in the order they are stored. */
    public static java.util.List<Object[]> keys(byte[] blob, java.util.function.Predicate<Section> which, long skip,
                                                int max) {
        var out = new java.util.ArrayList<Object[]>();
        long[] seen = {0};
        read(blob, new Visitor() {
            @Override
            public boolean section(Section s) {
                return which.test(s);
            }

            @Override
            public boolean key(Section s, int position, Object[] key) {
                if (seen[0]++ >= skip) {
                    out.add(key);
                }
                return out.size() < max;
            }
        });
        return out;
    }

    /** Reads every section of {@code blob}; a plan without keys (none stored) has no sections. */
    public static void read(byte[] blob, Visitor visitor) {
        if (blob == null) {
            return;
        }
        try (var in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(blob)))) {
            for (int index = 0; ; index++) {
                Kind kind;
                try {
                    kind = Kind.valueOf(in.readUTF());
                } catch (EOFException end) {
                    return;
                }
                String schema = in.readUTF();
                TableName table = new TableName(schema.isEmpty() ? null : schema, in.readUTF());
                Outcome outcome = Outcome.valueOf(in.readUTF());
                String relationship = in.readUTF();
                var columns = new java.util.ArrayList<String>();
                for (int c = in.readInt(); c > 0; c--) {
                    columns.add(in.readUTF());
                }
                int arity = in.readInt();
                int size = in.readInt();
                boolean tally = kind == Kind.TALLY;
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
