package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Column;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.catalog.TypeFamily;
import dev.safedelete.plan.AffectedSet.BlockerKey;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.LeafTally;
import dev.safedelete.sql.StatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The affected-set closure of semantics.md, the one traversal both the planner and the executor run. Set-based:
 * each round follows every relationship from the rows the previous round added, one statement per relationship per
 * batch of parent keys; rows, not tables, are tracked, so self-references and cycles end when no new row appears.
 * With {@code lock} set every row is read {@code FOR UPDATE}: the executor locks each row of D before it looks for
 * that row's children, and the rows it will update or that would block.
 */
public final class Traversal {

    /**
     * How a derivation runs; the same options give the same answer on the same data.
     *
     * @param tallyAbove a leaf group of more rows than this is tallied (counted by the database) instead of listed,
     *                   where the dialect can; {@link Long#MAX_VALUE} never tallies
     */
    public record Options(Mode mode, Map<String, Rule> overrides, Set<TableName> protectedTables, int sampleSize,
                          long rowLimit, boolean lock, int queryTimeoutSeconds, long tallyAbove) {

        /** Following the rules, nothing protected, 5 samples, no row limit, not locking, no timeout, no tallies. */
        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder().mode(mode).overrides(overrides).protectedTables(protectedTables).sampleSize(sampleSize)
                    .rowLimit(rowLimit).lock(lock).queryTimeoutSeconds(queryTimeoutSeconds).tallyAbove(tallyAbove);
        }

        public static final class Builder {
            private Mode mode = Mode.FOLLOW_RULES;
            private Map<String, Rule> overrides = Map.of();
            private Set<TableName> protectedTables = Set.of();
            private int sampleSize = 5;
            private long rowLimit = Long.MAX_VALUE;
            private boolean lock;
            private int queryTimeoutSeconds;
            private long tallyAbove = Long.MAX_VALUE;

            public Builder mode(Mode mode) {
                this.mode = mode;
                return this;
            }

            public Builder overrides(Map<String, Rule> overrides) {
                this.overrides = overrides;
                return this;
            }

            public Builder protectedTables(Set<TableName> protectedTables) {
                this.protectedTables = protectedTables;
                return this;
            }

            public Builder sampleSize(int sampleSize) {
                this.sampleSize = sampleSize;
                return this;
            }

            public Builder rowLimit(long rowLimit) {
                this.rowLimit = rowLimit;
                return this;
            }

            /** Read every row {@code FOR UPDATE}: the executor's re-derivation. */
            public Builder lock(boolean lock) {
                this.lock = lock;
                return this;
            }

            public Builder queryTimeoutSeconds(int seconds) {
                this.queryTimeoutSeconds = seconds;
                return this;
            }

            public Builder tallyAbove(long tallyAbove) {
                this.tallyAbove = tallyAbove;
                return this;
            }

            public Options build() {
                return new Options(mode, overrides, protectedTables, sampleSize, rowLimit, lock, queryTimeoutSeconds,
                        tallyAbove);
            }
        }
    }

    /** Rows of a leaf table reached in {@code round} through {@code relationship}, put off until D is known. */
    private record Deferred(Relationship relationship, List<Object[]> parentRows, int round) {
    }

    private final Connection connection;
    private final Catalog catalog;
    private final Dialect dialect;
    private final Options options;
    private final AffectedSet.Builder result;
    private final Map<TableName, RowShape> shapes = new HashMap<>();
    private final Map<String, KeySet> candidates = new LinkedHashMap<>();
    /** The relationships referencing each table, indexed once: the closure asks for them in every round. */
    private final Map<TableName, List<Relationship>> referencing;
    /** Leaf tables whose rows may be tallied, with what reached them: decided once the rest of D is known. */
    private final Map<TableName, List<Deferred>> deferred = new LinkedHashMap<>();
    private final TableName rootTable;
    private LeafTally tally;
    private final StatementBuilder build;
    private final KeyedStatements run;
    /** Per self-reference followed recursively: the parent values already expanded, and the child rows reached. */
    private final Map<String, KeySet> expandedThrough = new HashMap<>();
    private final Map<String, KeySet> reachedThrough = new HashMap<>();
    private long affected;
    /** The traversal's round: rows added in round n are n cascading deletes away from a root (by a shortest path). */
    private int round;

    private Traversal(Connection connection, Catalog catalog, Dialect dialect, Options options, TableName rootTable) {
        this.connection = connection;
        this.rootTable = rootTable;
        this.catalog = catalog;
        this.dialect = dialect;
        this.options = options;
        var rules = new LinkedHashMap<String, RelationshipRule>();
        for (Relationship r : catalog.relationships()) {
            rules.put(r.id(), RelationshipRule.of(r, options.mode(), options.overrides()));
        }
        this.result = new AffectedSet.Builder(Map.copyOf(rules));
        this.referencing = catalog.relationshipsByParent();
        this.build = new StatementBuilder(dialect);
        this.run = new KeyedStatements(connection, options.queryTimeoutSeconds());
    }

    private List<Relationship> referencing(TableName parent) {
        return referencing.getOrDefault(parent, List.of());
    }

    /** Derives the affected set of deleting {@code roots} (primary-key tuples) from {@code table}. */
    public static AffectedSet derive(Connection connection, Catalog catalog, Dialect dialect, TableName table,
                                     List<Object[]> roots, Options options) throws SQLException {
        var t = new Traversal(connection, catalog, dialect, options, table);
        t.run(catalog.table(table).orElseThrow(() -> new IllegalArgumentException("unknown table " + table)), roots);
        return t.result.build();
    }

    private void run(Table rootTable, List<Object[]> roots) throws SQLException {
        if (options.tallyAbove() < Long.MAX_VALUE && dialect.leafTally().isPresent()
                && dialect.leafTally().get().available(connection)) {
            tally = dialect.leafTally().get();
        }
        List<Object[]> rootRows = readRoots(rootTable, roots);
        Map<TableName, List<Object[]>> frontier = new LinkedHashMap<>();
        KeySet rootKeys = deletedOf(rootTable.name());
        RowShape rootShape = shape(rootTable.name());
        for (Object[] row : rootRows) {
            rootKeys.add(KeyCodec.encode(rootShape.primaryKeyOf(row)));
        }
        affected = rootKeys.size();
        frontier.put(rootTable.name(), rootRows);
        while (!frontier.isEmpty() && !result.limitExceeded) {
            round++;
            Map<TableName, List<Object[]>> next = new LinkedHashMap<>();
            for (var entry : frontier.entrySet()) {
                for (Relationship r : referencing(entry.getKey())) {
                    follow(r, entry.getValue(), next);
                    if (result.limitExceeded) {
                        break;
                    }
                }
            }
            frontier = next;
        }
        settleDeferred();
        settleCandidates();
        addTableBlockers();
        if (result.limitExceeded) {
            result.blockers.put(new BlockerKey(null, rootTable.name(), BlockReason.LIMIT), new KeySet());
        }
        buildBlockGroups();
    }

    private List<Object[]> readRoots(Table table, List<Object[]> roots) throws SQLException {
        RowShape shape = shape(table.name());
        List<Object[]> wanted = distinct(roots);
        var rows = new ArrayList<Object[]>();
        var found = new KeySet();
        select(table.name(), shape.columns(), table.primaryKey(), wanted, row -> {
            rows.add(row);
            found.add(KeyCodec.encode(shape.primaryKeyOf(row)));
        });
        for (Object[] key : wanted) {
            if (found.contains(KeyCodec.encode(key))) {
                result.roots.add(normalized(key));
            } else {
                result.missingRoots.add(normalized(key));
            }
        }
        return rows;
    }

    private void follow(Relationship r, List<Object[]> parentRows, Map<TableName, List<Object[]>> next)
            throws SQLException {
        if (mayTally(r)) {
            deferred.computeIfAbsent(r.childTable(), t -> new ArrayList<>()).add(new Deferred(r, parentRows, round));
            return;
        }
        reach(r, parentRows, next);
    }

    /**
     * Whether the rows {@code r} reaches could be tallied: a cascade through a foreign key the database enforces (a
     * row can join the group only by checking its parent, which execution holds locked; not a declared
     * relationship), into a leaf table (nothing references it, so its rows lead nowhere and can wait until the rest
     * of D is known) that is deleted plainly (not protected, privilege held), with integer keys the database can
     * hash, through the parent's primary key (so the stored parent keys say which rows are meant).
     */
    private boolean mayTally(Relationship r) {
        if (tally == null || r.source() != Relationship.Source.DATABASE
                || !result.rules.get(r.id()).cascades() || r.selfReference()
                || !referencing(r.childTable()).isEmpty() || r.childTable().equals(rootTable)
                || options.protectedTables().contains(r.childTable())) {
            return false;
        }
        Table child = catalog.table(r.childTable()).orElseThrow();
        Table parent = catalog.table(r.parentTable()).orElseThrow();
        return child.canDelete()
                && child.primaryKey().stream().allMatch(c -> child.column(c)
                        .map(col -> TypeFamily.of(col) == TypeFamily.INTEGER).orElse(false))
                && Set.copyOf(r.parentColumns()).equals(Set.copyOf(parent.primaryKey()));
    }

    /**
     * Tallies a deferred leaf table when one relationship reached it and nothing else touches its rows, and when it
     * has more rows than {@code tallyAbove}; otherwise reaches its rows one by one as any other table's.
     */
    private void settleDeferred() throws SQLException {
        if (result.limitExceeded) {
            return;
        }
        for (var entry : deferred.entrySet()) {
            TableName t = entry.getKey();
            List<Deferred> reached = entry.getValue();
            boolean alone = reached.stream().map(d -> d.relationship().id()).distinct().count() == 1
                    && deletedOf(t).isEmpty()
                    && candidates.entrySet().stream().noneMatch(c -> !c.getValue().isEmpty()
                            && result.rules.get(c.getKey()).relationship().childTable().equals(t));
            if (alone && tallied(t, reached)) {
                continue;
            }
            for (Deferred d : reached) {
                round = d.round();
                reach(d.relationship(), d.parentRows(), new LinkedHashMap<>());
            }
        }
    }

    private boolean tallied(TableName t, List<Deferred> reached) throws SQLException {
        Relationship r = reached.get(0).relationship();
        Table child = catalog.table(t).orElseThrow();
        var counts = new ArrayList<LeafTallies.Count>();
        var values = new ArrayList<List<Object[]>>();
        LeafTallies.Count total = LeafTallies.Count.NONE;
        for (Deferred d : reached) {
            List<Object[]> distinctValues = referencedValues(r, d.parentRows());
            LeafTallies.Count n = LeafTallies.count(connection, dialect, tally, child, r, distinctValues,
                    options.queryTimeoutSeconds(), options.lock());
            counts.add(n);
            values.add(distinctValues);
            total = total.plus(n);
        }
        if (total.rows() <= options.tallyAbove()) {
            return false;
        }
        result.tallies.put(t, new AffectedSet.Tally(r.id(), total.rows(), total.hash()));
        AffectedSet.Builder.Reach edge = result.edges.computeIfAbsent(r.id(), k -> new AffectedSet.Builder.Reach());
        edge.rows += total.rows();
        for (int i = 0; i < reached.size(); i++) {
            if (counts.get(i).rows() > 0) {
                result.depth = Math.max(result.depth, reached.get(i).round());
            }
            if (!options.lock() && edge.sample.size() < options.sampleSize()) {
                LeafTallies.keys(connection, dialect, child, r, values.get(i), options.queryTimeoutSeconds(),
                        options.sampleSize() - edge.sample.size(), key -> {
                            edge.sample.add(key);
                            return edge.sample.size() < options.sampleSize();
                        });
            }
        }
        affected += total.rows();
        if (affected > options.rowLimit()) {
            result.limitExceeded = true;
        }
        return true;
    }

    private void reach(Relationship r, List<Object[]> parentRows, Map<TableName, List<Object[]>> next)
            throws SQLException {
        List<Object[]> parentValues = referencedValues(r, parentRows);
        if (parentValues.isEmpty()) {
            return;
        }
        RelationshipRule rule = result.rules.get(r.id());
        RowShape childShape = shape(r.childTable());
        var columns = new ArrayList<>(childShape.columns());
        int[] fkAt = new int[r.childColumns().size()];
        for (int i = 0; i < fkAt.length; i++) {
            String c = r.childColumns().get(i);
            if (!columns.contains(c)) {
                columns.add(c);
            }
            fkAt[i] = columns.indexOf(c);
        }
        boolean childHasChildren = !referencing(r.childTable()).isEmpty();
        AffectedSet.Builder.Reach edge = result.edges.computeIfAbsent(r.id(), k -> new AffectedSet.Builder.Reach());
        if (r.selfReference() && rule.cascades() && dialect.recursiveQueries()) {
            reachRecursively(r, parentValues, columns, fkAt, edge, next);
            return;
        }
        KeySet deleted = deletedOf(r.childTable());
        KeySet waiting = rule.cascades() ? null : candidates.computeIfAbsent(r.id(), k -> new KeySet());
        select(r.childTable(), columns, r.childColumns(), parentValues, row -> {
            Object[] pk = childShape.primaryKeyOf(row);
            byte[] key = KeyCodec.encode(pk);
            if (r.selfReference()) {
                Object[] own = childShape.referencedBy(r, row);
                if (own != null && Arrays.equals(KeyCodec.encode(RowShape.pick(row, fkAt)), KeyCodec.encode(own))) {
                    result.selfReferencingRows.merge(r.id(), 1L, Long::sum);
                }
            }
            if (rule.cascades()) {
                edge.rows++;
                if (edge.sample.size() < options.sampleSize()) {
                    edge.sample.add(pk);
                }
                if (deleted.add(key)) {
                    result.depth = Math.max(result.depth, round);
                    countAffected();
                    if (childHasChildren) {
                        next.computeIfAbsent(r.childTable(), t -> new ArrayList<>())
                                .add(Arrays.copyOf(row, childShape.columns().size()));
                    }
                }
            } else if (waiting.add(key)) {
                countAffected();
            }
        });
    }

    /**
     * A cascading self-reference followed to any depth at once: one recursive query per batch of parent values that
     * were not expanded through {@code r} before, instead of one round per level. Every row it returns had its own
     * children through {@code r} returned too, so its values are expanded; when later rounds reach those rows again
     * (to follow the table's other relationships), {@code r} is not followed from them a second time. Locking, the
     * query locks the rows it finds, and runs again (then locking what it finds that is not locked yet) until it
     * finds only locked rows: then nothing in the component can change, and no row can join it (it would have to
     * check a locked parent).
     */
    private void reachRecursively(Relationship r, List<Object[]> parentValues, List<String> columns, int[] fkAt,
                                  AffectedSet.Builder.Reach edge, Map<TableName, List<Object[]>> next) throws SQLException {
        KeySet expanded = expandedThrough.computeIfAbsent(r.id(), k -> new KeySet());
        var fresh = new ArrayList<Object[]>();
        for (Object[] v : parentValues) {
            if (expanded.add(KeyCodec.encode(v))) {
                fresh.add(v);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        RowShape shape = shape(r.childTable());
        Table child = catalog.table(r.childTable()).orElseThrow();
        KeySet reached = reachedThrough.computeIfAbsent(r.id(), k -> new KeySet());
        KeySet deleted = deletedOf(r.childTable());
        int baseRound = round;
        List<Object[]> rows = descendants(r, child, columns, fresh);
        // the depth is the preview's (InnoDB's 15-level limit); an execution has no use for it
        int[] depths = options.lock() ? null : RecursiveDepths.of(rows, fkAt, row -> shape.referencedBy(r, row), fresh);
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            Object[] own = shape.referencedBy(r, row);
            if (own != null) {
                expanded.add(KeyCodec.encode(own));
            }
            Object[] pk = shape.primaryKeyOf(row);
            byte[] key = KeyCodec.encode(pk);
            if (!reached.add(key)) {
                continue;
            }
            if (own != null && Arrays.equals(KeyCodec.encode(RowShape.pick(row, fkAt)), KeyCodec.encode(own))) {
                result.selfReferencingRows.merge(r.id(), 1L, Long::sum);
            }
            edge.rows++;
            if (edge.sample.size() < options.sampleSize()) {
                edge.sample.add(pk);
            }
            if (deleted.add(key)) {
                result.depth = Math.max(result.depth, baseRound - 1 + (depths == null ? 1 : depths[i]));
                countAffected();
                next.computeIfAbsent(r.childTable(), t -> new ArrayList<>())
                        .add(Arrays.copyOf(row, shape.columns().size()));
            }
        }
    }

    private List<Object[]> descendants(Relationship r, Table child, List<String> columns, List<Object[]> parentValues)
            throws SQLException {
        List<Object[]> rows = readDescendants(r, child, columns, parentValues, options.lock());
        if (!options.lock()) {
            return rows;
        }
        RowShape shape = shape(child.name());
        var locked = new KeySet();
        rows.forEach(row -> locked.add(KeyCodec.encode(shape.primaryKeyOf(row))));
        while (true) {
            List<Object[]> again = readDescendants(r, child, columns, parentValues, false);
            var unlocked = new ArrayList<Object[]>();
            for (Object[] row : again) {
                Object[] pk = shape.primaryKeyOf(row);
                if (!locked.contains(KeyCodec.encode(pk))) {
                    unlocked.add(pk);
                }
            }
            if (unlocked.isEmpty()) {
                return again;
            }
            select(child.name(), child.primaryKey(), child.primaryKey(), unlocked,
                    row -> locked.add(KeyCodec.encode(row)));
        }
    }

    private List<Object[]> readDescendants(Relationship r, Table child, List<String> columns,
                                           List<Object[]> parentValues, boolean lock) throws SQLException {
        var rows = new ArrayList<Object[]>();
        KeyedStatements.inBatches(parentValues, build.batchSize(r.childColumns().size()), chunk ->
                run.query(build.descendants(child, r, columns, chunk, lock), rows::add));
        return rows;
    }

    /** The distinct values of {@code parentRows} that {@code r}'s child columns reference; NULLs reference nothing. */
    private List<Object[]> referencedValues(Relationship r, List<Object[]> parentRows) {
        RowShape parentShape = shape(r.parentTable());
        var referenced = new ArrayList<Object[]>();
        for (Object[] row : parentRows) {
            Object[] v = parentShape.referencedBy(r, row);
            if (v != null) {
                referenced.add(v);
            }
        }
        return distinct(referenced);
    }

    private void countAffected() {
        if (++affected > options.rowLimit()) {
            result.limitExceeded = true;
        }
    }

    /** Rows reached by a non-cascading relationship get their outcome only now that the whole of D is known. */
    private void settleCandidates() throws SQLException {
        for (var entry : candidates.entrySet()) {
            RelationshipRule rule = result.rules.get(entry.getKey());
            Relationship r = rule.relationship();
            KeySet deleted = deletedOf(r.childTable());
            var outside = new KeySet();
            for (byte[] key : entry.getValue()) {
                if (!deleted.contains(key)) {
                    outside.add(key);
                }
            }
            if (outside.isEmpty()) {
                if (rule.rule().blocks() && !entry.getValue().isEmpty()) {
                    result.settledByDeletion.add(r.id());
                }
                continue;
            }
            Table child = catalog.table(r.childTable()).orElseThrow();
            int pkArity = child.primaryKey().size();
            AffectedSet.Builder.Reach edge = result.edges.get(r.id());
            edge.rows = outside.size();
            for (byte[] key : outside) {
                if (edge.sample.size() >= options.sampleSize()) {
                    break;
                }
                edge.sample.add(KeyCodec.decode(key, pkArity));
            }
            switch (rule.rule()) {
                case SET_NULL -> update(rule, Outcome.SET_NULL, r.columnsNulledOnDelete(), outside, child, null);
                case SET_DEFAULT -> setDefault(rule, outside, child);
                case RESTRICT -> block(r, BlockReason.RESTRICT, outside);
                case NO_ACTION -> block(r, BlockReason.NO_ACTION, outside);
                case CASCADE -> throw new IllegalStateException("cascading relationship among candidates: " + r.id());
            }
        }
    }

    private void setDefault(RelationshipRule rule, KeySet rows, Table child) throws SQLException {
        Relationship r = rule.relationship();
        var expressions = new ArrayList<String>();
        for (String c : r.childColumns()) {
            String def = child.column(c).map(Column::defaultValue).orElse(null);
            expressions.add(def == null ? "NULL" : def);
        }
        Object[] defaults = new Object[expressions.size()];
        try (PreparedStatement ps = connection.prepareStatement(dialect.selectExpressions(expressions));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            for (int i = 0; i < defaults.length; i++) {
                defaults[i] = KeyCodec.normalize(rs.getObject(i + 1));
            }
        }
        if (Arrays.stream(defaults).anyMatch(Objects::isNull)) {
            // A NULL default leaves the row referencing nothing (MATCH SIMPLE): SET NULL with the column's nullability.
            update(rule, Outcome.SET_DEFAULT, r.childColumns(), rows, child, defaults);
            return;
        }
        RowShape parentShape = shape(r.parentTable());
        KeySet deletedParents = deletedOf(r.parentTable());
        boolean[] survivingParent = {false};
        select(r.parentTable(), parentShape.columns(), r.parentColumns(), List.<Object[]>of(defaults), row -> {
            if (!deletedParents.contains(KeyCodec.encode(parentShape.primaryKeyOf(row)))) {
                survivingParent[0] = true;
            }
        });
        if (survivingParent[0]) {
            update(rule, Outcome.SET_DEFAULT, r.childColumns(), rows, child, defaults);
        } else {
            block(r, BlockReason.DEFAULT_MISSING, rows);
        }
    }

    /** {@code values} null means every column becomes NULL; else a NULL entry marks a column that does. */
    private void update(RelationshipRule rule, Outcome outcome, List<String> columns, KeySet rows, Table child,
                        Object[] values) {
        Relationship r = rule.relationship();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            boolean becomesNull = values == null || values[r.childColumns().indexOf(c)] == null;
            if (becomesNull && !child.column(c).map(Column::nullable).orElse(true)) {
                block(r, BlockReason.NOT_NULL, rows);
                return;
            }
        }
        result.updates.add(new AffectedSet.Update(rule, outcome, columns, rows));
        KeySet group = result.groups.computeIfAbsent(new Group(child.name(), outcome), g -> new KeySet());
        for (byte[] key : rows) {
            group.add(key);
        }
    }

    private void block(Relationship r, BlockReason reason, KeySet rows) {
        result.blockers.put(new BlockerKey(r.id(), r.childTable(), reason), rows);
    }

    /** Protected tables and missing privileges block whole tables; they are found here, not at execution. */
    private void addTableBlockers() {
        for (var entry : result.deleted.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            result.groups.put(new Group(entry.getKey(), Outcome.DELETE), entry.getValue());
            Table table = catalog.table(entry.getKey()).orElseThrow();
            if (options.protectedTables().contains(table.name())) {
                result.blockers.put(new BlockerKey(null, table.name(), BlockReason.PROTECTED_TABLE), entry.getValue());
            }
            if (!table.canDelete()) {
                result.blockers.put(new BlockerKey(null, table.name(), BlockReason.PRIVILEGE), entry.getValue());
            }
        }
        Set<TableName> updated = new LinkedHashSet<>();
        result.updates.forEach(u -> updated.add(u.rule().relationship().childTable()));
        for (TableName t : updated) {
            if (!catalog.table(t).orElseThrow().canUpdate()) {
                result.blockers.put(new BlockerKey(null, t, BlockReason.PRIVILEGE),
                        union(result.updates.stream().filter(u -> u.rule().relationship().childTable().equals(t))
                                .map(AffectedSet.Update::rows).toList()));
            }
        }
    }

    private void buildBlockGroups() {
        var byTable = new LinkedHashMap<TableName, List<KeySet>>();
        result.blockers.forEach((k, rows) -> byTable.computeIfAbsent(k.table(), t -> new ArrayList<>()).add(rows));
        byTable.forEach((t, sets) -> result.groups.put(new Group(t, Outcome.BLOCK), union(sets)));
    }

    private static KeySet union(List<KeySet> sets) {
        var all = new KeySet();
        sets.forEach(s -> s.forEach(all::add));
        return all;
    }

    /** The tuples without repeats, in their first order; compared by their encoding, as every key here is. */
    private static List<Object[]> distinct(List<Object[]> tuples) {
        var seen = new KeySet();
        var out = new ArrayList<Object[]>(tuples.size());
        for (Object[] t : tuples) {
            if (seen.add(KeyCodec.encode(t))) {
                out.add(t);
            }
        }
        return out;
    }

    private KeySet deletedOf(TableName table) {
        return result.deleted.computeIfAbsent(table, t -> new KeySet());
    }

    private RowShape shape(TableName name) {
        return shapes.computeIfAbsent(name, n -> RowShape.of(catalog, catalog.table(n).orElseThrow(),
                referencing(n)));
    }

    /**
     * Reads {@code columns} of the rows of {@code table} whose {@code keyColumns} equal one of {@code keys}, in bounded
     * batches: one statement per batch, never one per key; locked where the derivation locks.
     */
    private void select(TableName table, List<String> columns, List<String> keyColumns, List<Object[]> keys,
                        KeyedStatements.RowSink sink) throws SQLException {
        KeyedStatements.inBatches(keys, build.batchSize(keyColumns.size()), chunk ->
                run.query(build.select(table, columns, keyColumns, chunk, options.lock()), sink));
    }

    private static Object[] normalized(Object[] key) {
        return Arrays.stream(key).map(KeyCodec::normalize).toArray();
    }
}
