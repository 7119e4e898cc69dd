package dev.safedelete.sql;

import dev.safedelete.catalog.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Counting a leaf table's rows on the server instead of reading them: the planner's way past shipping a million event
 * keys to the client, and the executor's way of deleting them by their parents' keys while still checking that exactly
 * the counted rows went. A database offers it only where both halves are exact.
 */
public interface LeafTally {

    /** Whether this session can tally. */
    boolean available(Connection connection) throws SQLException;

    /**
     * One row of two columns: how many rows of {@code table} have {@code matchColumns} equal to one of {@code tuples}
     * bound tuples, and an order-independent hash (as text, a decimal integer) of their integer {@code keyColumns}.
     */
    String tally(TableName table, List<String> keyColumns, List<String> matchColumns, int tuples);

    /**
     * The same tally, also locking the rows it counts until the transaction ends, so that none can change or leave
     * before the execution deletes them; empty where locking costs more than the check it saves (PostgreSQL writes
     * every row it locks).
     */
    default Optional<String> lockingTally(TableName table, List<String> keyColumns, List<String> matchColumns,
                                          int tuples) {
        return Optional.empty();
    }

    /**
     * A DELETE of the rows {@link #tally} counts, with the same parameters. With {@code countsAndHashes} it answers
     * one row as {@link #tally} does, for exactly the rows it deleted; otherwise it answers an update count, which is
     * exact only because the execution took its tally with {@link #lockingTally}.
     */
    record TalliedDelete(String sql, boolean countsAndHashes) {
    }

    TalliedDelete delete(TableName table, List<String> keyColumns, List<String> matchColumns, int tuples);

    /**
     * One row, one column: how many rows of {@code table} this transaction has deleted so far, no parameters; where
     * the database keeps that count, the executor also checks that nothing but its own delete removed rows of a
     * tallied table (a trigger elsewhere, say).
     */
    default Optional<String> deletedInTransaction(TableName table) {
        return Optional.empty();
    }
}
