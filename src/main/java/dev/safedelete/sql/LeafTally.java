package dev.safedelete.sql;

import dev.safedelete.catalog.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Counting a leaf table's rows on the server instead of reading them: the planner's way past shipping a million event
 * keys to the client, and the executor's way of letting the database's own cascade delete them while still checking
 * that exactly the counted rows went. A database offers it only where both halves are exact.
 */
public interface LeafTally {

    /** Whether this session can tally; a database that cannot count its own deletes per transaction cannot. */
    boolean available(Connection connection) throws SQLException;

    /**
     * One row of two columns: how many rows of {@code table} have {@code matchColumns} equal to one of {@code tuples}
     * bound tuples, and an order-independent hash (as text) of their integer {@code keyColumns}.
     */
    String tally(TableName table, List<String> keyColumns, List<String> matchColumns, int tuples);

    /** One row, one column: how many rows of {@code table} this transaction has deleted so far. No parameters. */
    String deletedInTransaction(TableName table);
}
