package dev.safedelete.plan;

import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.LeafTally;
import dev.safedelete.sql.StatementBuilder;

import java.math.BigInteger;
import java.sql.Connection;
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
        var run = new KeyedStatements(c, timeoutSeconds);
        var build = new StatementBuilder(dialect);
        Count total = Count.NONE;
        for (List<Object[]> chunk : chunks(dialect, r, parentValues)) {
            Object[] row = run.single(build.tally(tally, child, r.childColumns(), chunk, lock));
            total = total.plus(new Count(((Number) row[0]).longValue(), new BigInteger(row[1].toString())));
        }
        return total;
    }

    /**
     * What {@link #run} removed: how many rows, and their hash where the DELETE itself hashes them; null where it
     * only counts (the rows were locked when the execution tallied them, {@link LeafTally#lockingTally}).
     */
    public record Deleted(long rows, BigInteger hash) {
    }

    /**
     * Deletes of the rows a tally stands for, by parent values ({@link LeafTally#delete}): one per bounded batch; the
     * executor runs them with {@link #run}.
     */
    public static List<StatementBuilder.TalliedStatement> deletes(Dialect dialect, LeafTally tally, Table child,
                                                                  Relationship r, List<Object[]> parentValues) {
        var build = new StatementBuilder(dialect);
        return chunks(dialect, r, parentValues).stream()
                .map(chunk -> build.talliedDelete(tally, child, r.childColumns(), chunk)).toList();
    }

    /** Runs tallied deletes and adds up what they removed. */
    public static Deleted run(KeyedStatements run, List<StatementBuilder.TalliedStatement> deletes) throws SQLException {
        long rows = 0;
        BigInteger hash = BigInteger.ZERO;
        boolean hashed = true;
        for (var delete : deletes) {
            if (!delete.countsAndHashes()) {
                hashed = false;
                rows += run.update(delete.statement());
                continue;
            }
            Object[] row = run.changeSingle(delete.statement());
            rows += ((Number) row[0]).longValue();
            hash = hash.add(new BigInteger(row[1].toString()));
        }
        return new Deleted(rows, hashed ? hash : null);
    }

    /**
     * Every key, parent batch after parent batch and by key inside each, so that the same data lists in the same
     * order; {@code limit} caps each statement (a sample needs few).
     */
    public static void keys(Connection c, Dialect dialect, Table child, Relationship r, List<Object[]> parentValues,
                            int timeoutSeconds, long limit, KeySink sink) throws SQLException {
        var run = new KeyedStatements(c, timeoutSeconds);
        var build = new StatementBuilder(dialect);
        boolean[] more = {true};
        for (List<Object[]> chunk : chunks(dialect, r, parentValues)) {
            run.query(build.orderedKeys(child, r.childColumns(), chunk, limit), key -> {
                if (more[0]) {
                    more[0] = sink.accept(key);
                }
            });
            if (!more[0]) {
                return;
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
}
