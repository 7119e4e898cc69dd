package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure.Difference;
import dev.safedelete.execute.ExecutionFailure.Kind;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.plan.ChildFirstOrder;
import dev.safedelete.plan.Fingerprint;
import dev.safedelete.plan.KeyCodec;
import dev.safedelete.plan.KeySet;
import dev.safedelete.plan.LeafTallies;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Bind;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialect.KeyedDelete;
import dev.safedelete.sql.FailureKind;
import dev.safedelete.sql.LeafTally;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Executes a confirmed plan (semantics.md, "Execution"): in one transaction, locks the roots and derives the affected
 * set again with the planner's own {@link Traversal}, refuses any drift, applies the updates and then the deletes
 * children first, checks every statement's row count and commits; on any failure it rolls back.
 */
public final class Executor {

    /**
     * What was confirmed: the roots, the derivation options (with {@code lock} set) and the fingerprint of each group
     * of the preview.
     */
    public record Confirmed(TableName table, List<Object[]> roots, Traversal.Options options,
                            Map<Group, Fingerprint> fingerprints) {
    }

    /**
     * Rows changed per table and outcome, and whether the delete phase ran with the database's foreign-key enforcement
     * off (proven sound first: see {@code mayRelaxForeignKeyChecks}).
     */
    public record Applied(Map<Group, Long> rows, boolean foreignKeyChecksRelaxed) {
    }

    private final DataSource dataSource;
    private final Catalog catalog;
    private final Dialect dialect;
    private final Duration lockTimeout;
    private final boolean mayRelaxChecks;

    public Executor(DataSource dataSource, Catalog catalog, Dialect dialect, Duration lockTimeout) {
        this(dataSource, catalog, dialect, lockTimeout, true);
    }

    /**
     * @param mayRelaxChecks whether the delete phase may switch the database's foreign-key enforcement off where the
     *                       database proves that sound; false keeps it on always (cycles on InnoDB still relax it)
     */
    public Executor(DataSource dataSource, Catalog catalog, Dialect dialect, Duration lockTimeout,
                    boolean mayRelaxChecks) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.dialect = dialect;
        this.lockTimeout = lockTimeout;
        this.mayRelaxChecks = mayRelaxChecks;
    }

    public Applied execute(Confirmed plan) throws ExecutionFailure {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new ExecutionFailure(Kind.CONNECTION_LOST, "cannot reach the target: " + e.getMessage(), e);
        }
        boolean committing = false;
        Applied committedAnyway = null;
        try {
            c.setAutoCommit(false);
            executeAll(c, dialect.lockTimeout(lockTimeout));
            AffectedSet now = Traversal.derive(c, catalog, dialect, plan.table(), plan.roots(), plan.options());
            var drift = differences(plan, now);
            if (!drift.isEmpty()) {
                throw new ExecutionFailure(Kind.DRIFT, "the data changed since the preview", drift, null);
            }
            var applied = new TreeMap<Group, Long>();
            var tx = new Transaction(c, plan.options());
            tx.applyUpdates(now, applied);
            boolean relaxed = tx.applyDeletes(now, applied);
            committing = true;
            committedAnyway = new Applied(applied, relaxed);
            c.commit();
            return committedAnyway;
        } catch (ExecutionFailure f) {
            rollback(c);
            throw f;
        } catch (SQLException e) {
            if (committing) {
                ExecutionFailure unknown = commitFailed(plan, e);
                if (unknown == null) {
                    return committedAnyway;
                }
                throw unknown;
            }
            rollback(c);
            throw failure(e);
        } catch (RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            release(c);
        }
    }

    /** Every group whose rows differ from the preview's, in either direction, and roots that are gone. */
    private static List<Difference> differences(Confirmed plan, AffectedSet now) {
        var out = new ArrayList<Difference>();
        Map<Group, Fingerprint> current = now.fingerprints();
        var groups = new TreeSet<Group>(plan.fingerprints().keySet());
        groups.addAll(current.keySet());
        for (Group g : groups) {
            Fingerprint before = plan.fingerprints().get(g);
            Fingerprint after = current.get(g);
            if (before == null || !before.equals(after)) {
                out.add(new Difference(g.table().qualified(), g.outcome().name(), rowsOf(before), rowsOf(after)));
            }
        }
        if (!now.missingRoots().isEmpty() && out.isEmpty()) {
            out.add(new Difference(plan.table().qualified(), "DELETE", plan.roots().size(), now.roots().size()));
        }
        return out;
    }

    private static long rowsOf(Fingerprint fingerprint) {
        return fingerprint == null ? 0 : fingerprint.rows();
    }

    /** One execution's transaction: its connection and the options its statements run with. */
    private final class Transaction {
        private final Connection c;
        private final Traversal.Options options;
        /** Set while the whole delete phase runs with foreign-key checks off, so no part of it turns them back on. */
        private boolean checksRelaxed;

        Transaction(Connection c, Traversal.Options options) {
            this.c = c;
            this.options = options;
        }

        private void applyUpdates(AffectedSet set, Map<Group, Long> applied) throws SQLException,
                ExecutionFailure {
            for (AffectedSet.Update u : set.updates()) {
                Relationship r = u.rule().relationship();
                Table child = catalog.table(r.childTable()).orElseThrow();
                String assignments = dialect.setColumns(child, u.columns(),
                        u.outcome() == dev.safedelete.plan.Outcome.SET_DEFAULT);
                String head = "UPDATE " + dialect.table(child.name()) + " SET " + assignments + " WHERE ";
                forEachBatch(u.rows(), child, batch -> {
                    int n = executeKeyed(head + dialect.keyPredicate(child.primaryKey(), batch.size()), batch);
                    expect(n, batch.size(), "update of " + child.name() + " through " + r.id());
                });
            }
            set.groups().forEach((g, keys) -> {
                if (g.outcome() != dev.safedelete.plan.Outcome.DELETE && g.outcome() != dev.safedelete.plan.Outcome.BLOCK) {
                    applied.put(g, (long) keys.size());
                }
            });
        }

        /** Answers whether the delete phase ran with foreign-key checks off. */
        private boolean applyDeletes(AffectedSet set, Map<Group, Long> applied) throws SQLException,
                ExecutionFailure {
            List<TableName> inD = set.deletedTables();
            var tallied = new TalliedTables(set);
            checksRelaxed = mayRelaxForeignKeyChecks(inD);
            boolean relaxed = checksRelaxed;
            if (relaxed) {
                executeAll(c, dialect.relaxForeignKeyChecks());
            }
            deleteChildrenFirst(set, inD);
            // Restored here only: after a failed statement PostgreSQL refuses every other one until the rollback, so
            // restoring then would hide the failure behind its own; the rollback undoes PostgreSQL's SET LOCAL, and
            // release() restores InnoDB's session setting.
            if (relaxed) {
                executeAll(c, dialect.restoreForeignKeyChecks());
                checksRelaxed = false;
            }
            tallied.checkNothingElseDeleted();
            set.counts().forEach((g, rows) -> {
                if (g.outcome() == dev.safedelete.plan.Outcome.DELETE) {
                    applied.put(g, rows);
                }
            });
            return relaxed;
        }

        private void deleteChildrenFirst(AffectedSet set, List<TableName> inD) throws SQLException, ExecutionFailure {
            for (ChildFirstOrder.Component component : ChildFirstOrder.of(catalog, inD)) {
                if (component.cyclic()) {
                    new LevelByLevel(component, set).run();
                } else {
                    TableName t = component.tables().get(0);
                    AffectedSet.Tally tally = set.tallies().get(t);
                    if (tally != null) {
                        if (!leftToTheCascade(tally)) {
                            deleteTallied(t, tally, set);
                        }
                    } else {
                        deleteAll(t, set.deleted().get(t));
                    }
                }
            }
        }

        /**
         * Whether the whole delete phase may run with foreign-key enforcement off. The executor deletes children first,
         * so the database's checks and cascades find nothing left to do, yet cost the most: InnoDB re-checks each
         * deleted parent's children through index entries of rows this transaction already deleted but has not purged
         * yet, and PostgreSQL's RI trigger searches the child table once per deleted parent row (a full scan where the
         * foreign-key column has no index). Sound only when the database proves that the catalog knows every foreign
         * key into the tables of D (the plan, derived under the locks, then accounts for every row those checks
         * protect) and that no trigger or rule would behave differently; otherwise, or where it cannot tell (no
         * privilege to relax, an account that cannot see every table), the checks stay on, cascading into and refusing
         * for tables the catalog does not know.
         */
        private boolean mayRelaxForeignKeyChecks(List<TableName> inD) throws SQLException {
            return mayRelaxChecks && !inD.isEmpty()
                    && dialect.relaxingPays(inD.stream().flatMap(t -> catalog.referencing(t).stream()).toList())
                    && dialect.foreignKeyCensus(c, inD, options.queryTimeoutSeconds())
                    .filter(census -> census.permitsRelaxedChecks(catalog)).isPresent();
        }

        /**
         * Whether a tallied group is left to the database's own ON DELETE CASCADE, which removes the rows when their
         * parents go, by its own access path: the cheapest way there is (an index range per parent, never a key list
         * sent back), used where enforcement stays on and the database counts this transaction's deletes per table, so
         * that {@link TalliedTables} checks that exactly the tallied number went. The tally was taken under the
         * parents' locks, so no row can have joined since; one that left makes the count fall short. What that count
         * cannot tell is a row whose key another transaction changes in the milliseconds between that tally and the
         * cascade (README, "Known limits").
         */
        private boolean leftToTheCascade(AffectedSet.Tally tally) {
            Relationship r = catalog.relationship(tally.relationship()).orElseThrow();
            return !checksRelaxed && r.source() == Relationship.Source.DATABASE
                    && r.onDelete() == dev.safedelete.catalog.Rule.CASCADE
                    && leafTally().deletedInTransaction(r.childTable()).isPresent();
        }

        /**
         * Deletes a tallied leaf group by its parents' keys, before the parents (children first, as every table).
         * The parents are locked, so no row can join; where the tally under the locks also locked the rows
         * (MariaDB), none can change either and the DELETE must remove exactly the tallied number; otherwise
         * (PostgreSQL) the DELETE hashes the keys it removes, and a row that left or changed its key since is drift.
         */
        private void deleteTallied(TableName t, AffectedSet.Tally tally, AffectedSet set) throws SQLException,
                ExecutionFailure {
            Relationship r = catalog.relationship(tally.relationship()).orElseThrow();
            Table child = catalog.table(t).orElseThrow();
            Table parent = catalog.table(r.parentTable()).orElseThrow();
            var parentKeys = new ArrayList<Object[]>();
            set.deleted().get(parent.name()).forEach(k -> parentKeys.add(KeyCodec.decode(k, parent.primaryKey().size())));
            LeafTallies.Deleted gone = LeafTallies.delete(c, dialect, leafTally(), child, r,
                    LeafTallies.referencedValues(r, parent, parentKeys), options.queryTimeoutSeconds());
            if (gone.hash() != null && (gone.rows() != tally.rows() || !gone.hash().equals(tally.hash()))) {
                throw new ExecutionFailure(Kind.DRIFT, "the data changed since the preview",
                        List.of(new Difference(t.qualified(), "DELETE", tally.rows(), gone.rows())), null);
            }
            expect(gone.rows(), tally.rows(), "delete from " + t + " by the keys of its " + parent.name() + " rows");
        }

        /**
         * Where the database counts each table's deleted rows per transaction, a tallied table must have lost exactly
         * the tallied rows by the end of the delete phase: nothing else (a trigger deleting one more event, say) may
         * have deleted from it unseen.
         */
        private final class TalliedTables {
            private final Map<TableName, AffectedSet.Tally> tallies = new LinkedHashMap<>();
            private final Map<TableName, Long> before = new LinkedHashMap<>();

            TalliedTables(AffectedSet set) throws SQLException {
                for (var e : set.tallies().entrySet()) {
                    var counted = deletedSoFar(e.getKey());
                    if (counted != null) {
                        tallies.put(e.getKey(), e.getValue());
                        before.put(e.getKey(), counted);
                    }
                }
            }

            void checkNothingElseDeleted() throws SQLException, ExecutionFailure {
                for (var e : tallies.entrySet()) {
                    long deleted = deletedSoFar(e.getKey()) - before.get(e.getKey());
                    if (deleted != e.getValue().rows()) {
                        throw new ExecutionFailure(Kind.DRIFT, "the data changed since the preview",
                                List.of(new Difference(e.getKey().qualified(), "DELETE", e.getValue().rows(), deleted)),
                                null);
                    }
                }
            }

            private Long deletedSoFar(TableName t) throws SQLException {
                var sql = leafTally().deletedInTransaction(t);
                if (sql.isEmpty()) {
                    return null;
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.get())) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private LeafTally leafTally() {
            return dialect.leafTally().orElseThrow(() -> new IllegalStateException(
                    dialect.name() + " cannot tally, yet the plan has tallies"));
        }

        private void deleteAll(TableName t, KeySet keys) throws SQLException, ExecutionFailure {
            Table table = catalog.table(t).orElseThrow();
            String head = "DELETE FROM " + dialect.table(t) + " WHERE ";
            forEachBatch(keys, table, batch -> {
                int n = executeKeyed(head + dialect.keyPredicate(table.primaryKey(), batch.size()), batch);
                expect(n, batch.size(), "delete from " + t);
            });
        }

        /**
         * Deletes the rows of a cycle of tables (or of a self-referencing table) deepest first: each round deletes the
         * rows no remaining row references, until none remain. Rows that reference only themselves count as unreferenced;
         * where the database checks row by row (InnoDB refuses to delete a row that references itself) the rounds run with
         * foreign-key checks relaxed, which is sound because every round deletes only rows nothing else still references.
         * Rows that reference each other through NOT NULL columns in a ring cannot be peeled; they go in one statement
         * where the database has one, or with checks relaxed where it checks row by row.
         */
        private final class LevelByLevel {
            private final ChildFirstOrder.Component component;
            private final Map<TableName, KeySet> remaining = new LinkedHashMap<>();
            private final List<Relationship> inside;
            /** Relationships whose column was already nulled: each is tried once, so the rounds always end. */
            private final java.util.Set<String> nulled = new java.util.HashSet<>();

            LevelByLevel(ChildFirstOrder.Component component, AffectedSet set) {
                this.component = component;
                component.tables().forEach(t -> remaining.put(t, set.deleted().get(t)));
                this.inside = catalog.relationships().stream()
                        .filter(r -> component.tables().contains(r.childTable()) && component.tables().contains(r.parentTable()))
                        .toList();
            }

            void run() throws SQLException, ExecutionFailure {
                boolean relaxed = dialect.checksRowByRow() && !checksRelaxed;
                if (relaxed) {
                    executeAll(c, dialect.relaxForeignKeyChecks());
                }
                try {
                    while (remaining.values().stream().anyMatch(k -> !k.isEmpty())) {
                        var referenced = stillReferenced();
                        var deletable = new LinkedHashMap<TableName, KeySet>();
                        remaining.forEach((t, keys) -> {
                            var free = new KeySet();
                            KeySet held = referenced.get(t);
                            keys.forEach(k -> {
                                if (held == null || !held.contains(k)) {
                                    free.add(k);
                                }
                            });
                            deletable.put(t, free);
                        });
                        if (deletable.values().stream().allMatch(KeySet::isEmpty)) {
                            if (!breakRingByNulling()) {
                                deleteRing();
                                return;
                            }
                            continue;
                        }
                        for (var e : deletable.entrySet()) {
                            deleteAll(e.getKey(), e.getValue());
                            remaining.put(e.getKey(), minus(remaining.get(e.getKey()), e.getValue()));
                        }
                    }
                } finally {
                    if (relaxed) {
                        executeAll(c, dialect.restoreForeignKeyChecks());
                    }
                }
            }

            /** Keys of remaining rows that another remaining row references. */
            private Map<TableName, KeySet> stillReferenced() throws SQLException, ExecutionFailure {
                var out = new LinkedHashMap<TableName, KeySet>();
                for (Relationship r : inside) {
                    KeySet children = remaining.get(r.childTable());
                    KeySet parents = remaining.get(r.parentTable());
                    if (children.isEmpty() || parents.isEmpty()) {
                        continue;
                    }
                    Table child = catalog.table(r.childTable()).orElseThrow();
                    Table parent = catalog.table(r.parentTable()).orElseThrow();
                    var values = new ArrayList<Object[]>();
                    String notItself = "";
                    // A row referencing only itself is free to go, unless the database refuses that and cannot be
                    // told to relax (H2): then it counts as referenced, and the ring-breaking below deals with it.
                    if (r.selfReference() && (!dialect.refusesSelfReferencingDelete() || dialect.checksRowByRow())) {
                        var same = new ArrayList<String>();
                        for (int i = 0; i < r.childColumns().size(); i++) {
                            same.add(dialect.quote(r.childColumns().get(i)) + " = " + dialect.quote(r.parentColumns().get(i)));
                        }
                        notItself = " AND NOT (" + String.join(" AND ", same) + ")";
                    }
                    String head = "SELECT " + dialect.columnList(r.childColumns()) + " FROM " + dialect.table(child.name())
                            + " WHERE ";
                    String tail = notItself;
                    forEachBatch(children, child, batch -> query(
                            head + dialect.keyPredicate(child.primaryKey(), batch.size()) + tail, batch, row -> {
                                if (java.util.Arrays.stream(row).noneMatch(java.util.Objects::isNull)) {
                                    values.add(row);
                                }
                            }));
                    if (values.isEmpty()) {
                        continue;
                    }
                    KeySet held = out.computeIfAbsent(r.parentTable(), t -> new KeySet());
                    String parentHead = "SELECT " + dialect.columnList(parent.primaryKey()) + " FROM "
                            + dialect.table(parent.name()) + " WHERE ";
                    for (int from = 0; from < values.size(); from += dialect.keysPerStatement(r.parentColumns().size())) {
                        var chunk = values.subList(from, Math.min(values.size(),
                                from + dialect.keysPerStatement(r.parentColumns().size())));
                        query( parentHead + dialect.keyPredicate(r.parentColumns(), chunk.size()), chunk, row -> {
                            byte[] key = KeyCodec.encode(row);
                            if (parents.contains(key)) {
                                held.add(key);
                            }
                        });
                    }
                }
                return out;
            }

            /**
             * Every remaining row is referenced by another: a ring. Null one nullable column of a relationship inside
             * the ring in the remaining child rows (MATCH SIMPLE: the row then references nothing), unless the column
             * is part of a key some relationship or the primary key uses. Answers whether a column was found.
             */
            private boolean breakRingByNulling() throws SQLException, ExecutionFailure {
                for (Relationship r : inside) {
                    if (!nulled.add(r.id())) {
                        continue;
                    }
                    Table child = catalog.table(r.childTable()).orElseThrow();
                    KeySet rows = remaining.get(r.childTable());
                    var column = r.childColumns().stream()
                            .filter(col -> child.column(col).map(dev.safedelete.catalog.Column::nullable).orElse(false))
                            .filter(col -> !child.primaryKey().contains(col))
                            .filter(col -> catalog.referencing(child.name()).stream().noneMatch(o -> o.parentColumns().contains(col)))
                            .findFirst();
                    if (column.isEmpty() || rows.isEmpty()) {
                        continue;
                    }
                    String head = "UPDATE " + dialect.table(child.name()) + " SET " + dialect.quote(column.get())
                            + " = NULL WHERE ";
                    forEachBatch(rows, child, batch -> expect(
                            executeKeyed(head + dialect.keyPredicate(child.primaryKey(), batch.size()), batch),
                            batch.size(), "nulling " + column.get() + " of " + child.name() + " to break a ring"));
                    return true;
                }
                return false;
            }

            /**
             * Rows that reference each other through NOT NULL columns: delete them together, in one statement, where
             * constraints are checked at its end. The database's own cascade may take some of them first, so the
             * check is that all of them are gone, not a count per statement.
             */
            private void deleteRing() throws SQLException, ExecutionFailure {
                if (dialect.checksRowByRow()) {
                    for (var e : remaining.entrySet()) {
                        deleteAll(e.getKey(), e.getValue());
                    }
                    return;
                }
                if (dialect.refusesSelfReferencingDelete()) {
                    throw new SQLException("rows of " + component.tables() + " reference each other or themselves "
                            + "through NOT NULL columns, and " + dialect.name() + " checks each deleted row at once "
                            + "without a way to relax that for one session: it cannot delete this ring", "0A000");
                }
                if (remaining.values().stream().filter(k -> !k.isEmpty()).count() == 1) {
                    var e = remaining.entrySet().stream().filter(x -> !x.getValue().isEmpty()).findFirst().orElseThrow();
                    Table t = catalog.table(e.getKey()).orElseThrow();
                    var all = new ArrayList<Object[]>();
                    e.getValue().forEach(k -> all.add(KeyCodec.decode(k, t.primaryKey().size())));
                    executeKeyed("DELETE FROM " + dialect.table(t.name()) + " WHERE "
                            + dialect.keyPredicate(t.primaryKey(), all.size()), all);
                    expectGone(t, all);
                    return;
                }
                var parts = new ArrayList<KeyedDelete>();
                var binds = new ArrayList<Object[]>();
                for (var e : remaining.entrySet()) {
                    Table t = catalog.table(e.getKey()).orElseThrow();
                    parts.add(new KeyedDelete(t.name(), t.primaryKey(), e.getValue().size()));
                    e.getValue().forEach(k -> binds.add(KeyCodec.decode(k, t.primaryKey().size())));
                }
                String sql = dialect.deleteTogether(parts).orElseThrow(() -> new SQLException(
                        "rows of " + component.tables() + " reference each other in a ring through NOT NULL columns and "
                                + dialect.name() + " has no statement that deletes them together", "0A000"));
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    Bind.tuples(ps, binds);
                    ps.executeQuery().close();
                }
                for (var e : remaining.entrySet()) {
                    Table t = catalog.table(e.getKey()).orElseThrow();
                    var keys = new ArrayList<Object[]>();
                    e.getValue().forEach(k -> keys.add(KeyCodec.decode(k, t.primaryKey().size())));
                    expectGone(t, keys);
                }
            }

            private void expectGone(Table t, List<Object[]> keys) throws SQLException, ExecutionFailure {
                long[] left = {0};
                query("SELECT COUNT(*) FROM " + dialect.table(t.name()) + " WHERE "
                        + dialect.keyPredicate(t.primaryKey(), keys.size()), keys, row -> left[0] += (Long) row[0]);
                expect(left[0], 0, "rows of " + t.name() + " left after deleting a ring");
            }
        }

        private static KeySet minus(KeySet all, KeySet gone) {
            var out = new KeySet();
            all.forEach(k -> {
                if (!gone.contains(k)) {
                    out.add(k);
                }
            });
            return out;
        }

        private interface BatchAction {
            void accept(List<Object[]> batch) throws SQLException, ExecutionFailure;
        }

        private interface RowSink {
            void accept(Object[] row);
        }

        private void forEachBatch(KeySet keys, Table table, BatchAction action) throws SQLException, ExecutionFailure {
            int size = dialect.keysPerStatement(table.primaryKey().size());
            var batch = new ArrayList<Object[]>(Math.min(size, keys.size()));
            for (byte[] k : keys) {
                batch.add(KeyCodec.decode(k, table.primaryKey().size()));
                if (batch.size() == size) {
                    action.accept(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                action.accept(batch);
            }
        }

        private void timeout(PreparedStatement ps) throws SQLException {
            if (options.queryTimeoutSeconds() > 0) {
                ps.setQueryTimeout(options.queryTimeoutSeconds());
            }
        }

        private int executeKeyed(String sql, List<Object[]> keys) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                timeout(ps);
                Bind.tuples(ps, keys);
                return ps.executeUpdate();
            }
        }

        private void query(String sql, List<Object[]> keys, RowSink sink) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                timeout(ps);
                Bind.tuples(ps, keys);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = KeyCodec.normalize(rs.getObject(i + 1));
                        }
                        sink.accept(row);
                    }
                }
            }
        }
    }

    private static void expect(long actual, long expected, String what) throws ExecutionFailure {
        if (actual != expected) {
            throw new ExecutionFailure(Kind.COUNT_MISMATCH,
                    "%s affected %d rows, the plan expects %d".formatted(what, actual, expected), null);
        }
    }

    private static void executeAll(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private ExecutionFailure failure(SQLException e) {
        FailureKind kind = dialect.classify(e);
        return switch (kind) {
            case LOCK_TIMEOUT -> new ExecutionFailure(Kind.LOCK_TIMEOUT,
                    "rows stayed locked by another transaction past " + lockTimeout.toMillis() + " ms", e);
            case STATEMENT_TIMEOUT -> new ExecutionFailure(Kind.STATEMENT_TIMEOUT, "a statement ran past its timeout", e);
            case CONNECTION_LOST -> new ExecutionFailure(Kind.CONNECTION_LOST,
                    "the connection to the target was lost: " + e.getMessage(), e);
            case REFUSED -> new ExecutionFailure(Kind.REFUSED, e.getMessage(), e);
        };
    }

    /**
     * The connection broke during COMMIT: ask the database on a new connection whether the roots are still there.
     * Roots gone means the commit happened (nothing else deletes them while we hold their locks); all present means
     * it did not.
     */
    private ExecutionFailure commitFailed(Confirmed plan, SQLException cause) {
        Table root = catalog.table(plan.table()).orElseThrow();
        String sql = "SELECT COUNT(*) FROM " + dialect.table(root.name()) + " WHERE "
                + dialect.keyPredicate(root.primaryKey(), plan.roots().size());
        try (Connection probe = dataSource.getConnection(); PreparedStatement ps = probe.prepareStatement(sql)) {
            Bind.tuples(ps, plan.roots());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long left = rs.getLong(1);
                if (left == 0) {
                    return null;
                }
                return new ExecutionFailure(Kind.CONNECTION_LOST,
                        "the connection was lost during COMMIT; the roots are still there, so it was rolled back", cause);
            }
        } catch (SQLException e) {
            return new ExecutionFailure(Kind.COMMIT_UNKNOWN,
                    "the connection was lost during COMMIT and the target cannot be asked whether it happened: "
                            + e.getMessage(), cause);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the database rolls the transaction back itself
        }
    }

    private void release(Connection c) {
        try {
            if (!c.isClosed()) {
                executeAll(c, dialect.resetLockTimeout());
                if (dialect.checksRowByRow()) {
                    // a pooled connection must never keep foreign-key checks off, whatever failed before
                    executeAll(c, dialect.restoreForeignKeyChecks());
                }
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already broken
            }
        } finally {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
