package dev.safedelete.plan;

import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.sql.Bind;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.LeafTally;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tallied leaf group ({@link AffectedSet.Tally}) from the database: its count and hash, a sample, or every
 * key. The rows are "those of the leaf table referencing these parent values through this relationship", so every
 * reading is by parent values, in the dialect's bounded batches.
 */
public final class LeafTallies {

    /** A count and a hash, added up over batches; batches never share a row, as a row references one parent. */
    public record Count(long rows, BigInteger hash) {
        static final Count NONE = new Count(0, BigInteger.ZERO);

        Count plus(Count o) {
            return new Count(rows + o.rows, hash.add(o.hash));
        }
    }

    /** Receives one key. */
    public interface KeySink {
        /** Answers whether to go on. */
        boolean accept(Object[] key) throws SQLException;
    }

    private LeafTallies() {
    }

    /** The parent values a tallied relationship matches, from the deleted parents' primary keys. */
    public static List<Object[]> referencedValues(Relationship r, Table parent, Iterable<Object[]> parentKeys) {
        int[] at = new int[r.parentColumns().size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = parent.primaryKey().indexOf(r.parentColumns().get(i));
        }
        var out = new ArrayList<Object[]>();
        for (Object[] key : parentKeys) {
            out.add(RowShape.pick(key, at));
        }
        return out;
    }

    public static Count count(Connection c, Dialect dialect, LeafTally tally, Table child, Relationship r,
                              List<Object[]> parentValues, int timeoutSeconds) throws SQLException {
        return count(c, dialect, tally, child, r, parentValues, timeoutSeconds, false);
    }

    /** With {@code lock}, the rows counted stay locked until the transaction ends where the database offers that. */
    public static Count count(Connection c, Dialect dialect, LeafTally tally, Table child, Relationship r,
                              List<Object[]> parentValues, int timeoutSeconds, boolean lock) throws SQLException {
        Count total = Count.NONE;
        for (List<Object[]> chunk : chunks(dialect, r, parentValues)) {
            String sql = tally.tally(child.name(), child.primaryKey(), r.childColumns(), chunk.size());
            if (lock) {
                sql = tally.lockingTally(child.name(), child.primaryKey(), r.childColumns(), chunk.size()).orElse(sql);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                timeout(ps, timeoutSeconds);
                Bind.tuples(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = total.plus(new Count(rs.getLong(1), new BigInteger(rs.getString(2))));
                }
            }
        }
        return total;
    }

    /**
     * What {@link #delete} removed: how many rows, and their hash where the DELETE itself hashes them; null where it
     * only counts (the rows were locked when the execution tallied them, {@link LeafTally#lockingTally}).
     */
    public record Deleted(long rows, BigInteger hash) {
    }

    /** Deletes the rows a tally stands for, by parent values, batch after batch ({@link LeafTally#delete}). */
    public static Deleted delete(Connection c, Dialect dialect, LeafTally tally, Table child, Relationship r,
                                 List<Object[]> parentValues, int timeoutSeconds) throws SQLException {
        long rows = 0;
        BigInteger hash = BigInteger.ZERO;
        boolean hashed = true;
        for (List<Object[]> chunk : chunks(dialect, r, parentValues)) {
            LeafTally.TalliedDelete delete = tally.delete(child.name(), child.primaryKey(), r.childColumns(), chunk.size());
            try (PreparedStatement ps = c.prepareStatement(delete.sql())) {
                timeout(ps, timeoutSeconds);
                Bind.tuples(ps, chunk);
                if (!delete.countsAndHashes()) {
                    hashed = false;
                    rows += ps.executeUpdate();
                    continue;
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows += rs.getLong(1);
                    hash = hash.add(new BigInteger(rs.getString(2)));
                }
            }
        }
        return new Deleted(rows, hashed ? hash : null);
    }

    /**
     * Every key, parent batch after parent batch and by key inside each, so that the same data lists in the same
     * order; {@code limit} caps each statement (a sample needs few).
     */
    public static void keys(Connection c, Dialect dialect, Table child, Relationship r, List<Object[]> parentValues,
                            int timeoutSeconds, long limit, KeySink sink) throws SQLException {
        String head = "SELECT " + dialect.columnList(child.primaryKey()) + " FROM " + dialect.table(child.name())
                + " WHERE ";
        String tail = " ORDER BY " + dialect.columnList(child.primaryKey()) + (limit < Long.MAX_VALUE ? " LIMIT " + limit : "");
        for (List<Object[]> chunk : chunks(dialect, r, parentValues)) {
            try (PreparedStatement ps = c.prepareStatement(head + dialect.keyPredicate(r.childColumns(), chunk.size()) + tail)) {
                timeout(ps, timeoutSeconds);
                ps.setFetchSize(2000);
                Bind.tuples(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = child.primaryKey().size();
                    while (rs.next()) {
                        Object[] key = new Object[n];
                        for (int i = 0; i < n; i++) {
                            key[i] = KeyCodec.normalize(rs.getObject(i + 1));
                        }
                        if (!sink.accept(key)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /** Parent values in the dialect's bounded batches, one statement each. */
    private static List<List<Object[]>> chunks(Dialect dialect, Relationship r, List<Object[]> parentValues) {
        int batch = dialect.keysPerStatement(r.childColumns().size());
        var out = new ArrayList<List<Object[]>>();
        for (int from = 0; from < parentValues.size(); from += batch) {
            out.add(parentValues.subList(from, Math.min(parentValues.size(), from + batch)));
        }
        return out;
    }

    private static void timeout(PreparedStatement ps, int seconds) throws SQLException {
        if (seconds > 0) {
            ps.setQueryTimeout(seconds);
        }
    }
}
