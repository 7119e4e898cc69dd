package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.KeyedStatements;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The database's foreign-key enforcement switched off for a stretch of the delete phase and back on when it ends, in
 * one try-with-resources. After a failed statement PostgreSQL refuses every other one until the rollback: restoring
 * then fails too, and try-with-resources keeps that second failure as suppressed behind the first (the rollback undoes
 * PostgreSQL's SET LOCAL anyway; InnoDB's session setting is restored again when the connection is released).
 */
final class ForeignKeyEnforcement implements AutoCloseable {

    private final Connection connection;
    private final Dialect dialect;
    private final boolean relaxed;

    private ForeignKeyEnforcement(Connection connection, Dialect dialect, boolean relax) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.relaxed = relax;
        if (relax) {
            KeyedStatements.settings(connection, dialect.relaxForeignKeyChecks());
        }
    }

    /**
     * Relaxed for the whole delete phase where that pays and the database proves it sound: the executor deletes
     * children first, so the checks and cascades find nothing to do, yet InnoDB re-checks every deleted parent row by
     * row and PostgreSQL's RI trigger scans an unindexed child table once per deleted parent. Sound only when one query
     * under the execution's locks shows every foreign key into the deleted tables in the catalog and no trigger or
     * rule on them ({@link Dialect#foreignKeyCensus}); otherwise the checks stay on.
     */
    static ForeignKeyEnforcement forDeletePhase(Connection c, Catalog catalog, Dialect dialect, List<TableName> inD,
                                                boolean mayRelax, int timeoutSeconds) throws SQLException {
        return new ForeignKeyEnforcement(c, dialect, mayRelax && provenSound(c, catalog, dialect, inD, timeoutSeconds));
    }

    /** Whether {@link #forDeletePhase} would relax: asked by {@code /script} too, so that it shows what would run. */
    static boolean provenSound(Connection c, Catalog catalog, Dialect dialect, List<TableName> inD, int timeoutSeconds)
            throws SQLException {
        return !inD.isEmpty()
                && dialect.relaxingPays(inD.stream().flatMap(t -> catalog.referencing(t).stream()).toList())
                && dialect.foreignKeyCensus(c, inD, timeoutSeconds)
                .filter(census -> census.permitsRelaxedChecks(catalog)).isPresent();
    }

    /**
     * Relaxed for one cyclic component on a database that checks row by row, unless the whole phase already is: its
     * rows reference each other, so no order of single-row checks lets InnoDB delete them all.
     */
    static ForeignKeyEnforcement forComponent(Connection c, Dialect dialect, boolean phaseRelaxed) throws SQLException {
        return new ForeignKeyEnforcement(c, dialect, !phaseRelaxed);
    }

    boolean relaxed() {
        return relaxed;
    }

    @Override
    public void close() throws SQLException {
        if (relaxed) {
            KeyedStatements.settings(connection, dialect.restoreForeignKeyChecks());
        }
    }
}
