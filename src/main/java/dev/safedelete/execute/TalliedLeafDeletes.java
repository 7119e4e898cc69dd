package dev.safedelete.execute;

import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure.Difference;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.LeafTallies;
import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.LeafTally;
import dev.safedelete.sql.SqlStatement;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tallied leaf groups (counted, not listed) during an execution. Their parents are locked, so no row can join. Where
 * the execution's tally also locked the rows (MariaDB) none can change either, and the deletes by parent keys must
 * remove exactly the tallied number; where the delete hashes what it removes (PostgreSQL), count and hash must equal
 * the tally. Where the database counts a transaction's deletes per table, nothing else may delete from a tallied
 * table unseen (a trigger deleting one more event, say), which is also how a group left to the cascade is checked.
 */
final class TalliedLeafDeletes {

    private final KeyedStatements statements;
    private final Optional<LeafTally> leafTally;
    private final Map<TableName, AffectedSet.Tally> counted = new LinkedHashMap<>();
    private final Map<TableName, Long> before = new LinkedHashMap<>();

    TalliedLeafDeletes(KeyedStatements statements, Optional<LeafTally> leafTally,
                       Map<TableName, AffectedSet.Tally> tallies) throws SQLException {
        this.statements = statements;
        this.leafTally = leafTally;
        for (var e : tallies.entrySet()) {
            Long n = deletedSoFar(e.getKey());
            if (n != null) {
                counted.put(e.getKey(), e.getValue());
                before.put(e.getKey(), n);
            }
        }
    }

    void delete(ChangeSequence.Tallied change) throws SQLException, ExecutionFailure {
        LeafTallies.Deleted gone = LeafTallies.run(statements, change.statements());
        AffectedSet.Tally tally = change.tally();
        if (gone.hash() != null && (gone.rows() != tally.rows() || !gone.hash().equals(tally.hash()))) {
            throw DriftCheck.drift(List.of(new Difference(change.table().qualified(), "DELETE", tally.rows(),
                    gone.rows())));
        }
        Executor.expect(gone.rows(), tally.rows(), "delete from " + change.table() + " by the keys of its "
                + change.parents() + " rows");
    }

    void checkNothingElseDeleted() throws SQLException, ExecutionFailure {
        for (var e : counted.entrySet()) {
            long deleted = deletedSoFar(e.getKey()) - before.get(e.getKey());
            if (deleted != e.getValue().rows()) {
                throw DriftCheck.drift(List.of(new Difference(e.getKey().qualified(), "DELETE", e.getValue().rows(),
                        deleted)));
            }
        }
    }

    private Long deletedSoFar(TableName t) throws SQLException {
        Optional<String> sql = leafTally.flatMap(l -> l.deletedInTransaction(t));
        if (sql.isEmpty()) {
            return null;
        }
        return ((Number) statements.single(new SqlStatement(sql.get(), List.of()))[0]).longValue();
    }
}
