package dev.safedelete.testdb;

import dev.safedelete.catalog.Describe;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.TableName;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.ScratchDatabase.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Schemas of random shape from a seed, for one {@link Kind} of database (the rules it accepts: InnoDB rejects SET
 * DEFAULT; only PostgreSQL defers checks). A failure replays from its seed. Two shapes:
 * <ul>
 *     <li>{@link #catalog}: a catalog without data, any size, for the loaders to be held against: tables with
 *     composite primary keys and unique keys, foreign keys to either listing the key's columns in a shuffled order,
 *     random ON DELETE and ON UPDATE rules, deferrable keys, self-references and cycles (every table may reference
 *     every table, so cycles come by themselves); it returns the DDL and the relationships it intends, in
 *     {@link Describe} form;</li>
 *     <li>{@link #withData}: a few small tables with data and the rows to delete, for plans and executions to be
 *     held against the database: single and composite keys, composite foreign keys declared in a different column
 *     order than the key, references to a unique non-key column, self-references, cycles, several relationships
 *     between the same two tables, NULLs (MATCH SIMPLE) and every ON DELETE rule the database accepts. Data is
 *     inserted before the constraints are added, so cycles and NOT NULL columns need no insertion order.</li>
 * </ul>
 * A seed draws the same schema as it did before the two shapes shared this class (the catalog benchmark's seed
 * 20260101 included).
 */
public final class SchemaGenerator {

    private SchemaGenerator() {
    }

    /** The ON DELETE (and ON UPDATE) rules a database accepts, in the order the seeds draw from. */
    static List<Rule> rules(Kind kind) {
        return kind == Kind.MARIADB ? List.of(Rule.CASCADE, Rule.SET_NULL, Rule.RESTRICT, Rule.NO_ACTION)
                : List.of(Rule.values());
    }

    private static String sql(Rule rule) {
        return rule.name().replace('_', ' ');
    }

    // --- a catalog without data ----------------------------------------------------------------------------------

    /** The statements creating a generated catalog, and its relationships in {@link Describe} form. */
    public record Generated(List<String> ddl, Set<String> expected) {
    }

    private record GenTable(String name, List<String> primaryKey, List<String> uniqueKey, List<String> fkColumns) {
    }

    private record GenKey(int child, int parent, String name, List<String> childColumns, List<String> parentColumns,
                          Rule onDelete, Rule onUpdate, boolean deferrable, boolean deferred) {
    }

    /** A catalog of {@code tableCount} tables {@code "Tab <i>"} and {@code relationshipCount} foreign keys in {@code schema}. */
    public static Generated catalog(Kind kind, String schema, long seed, int tableCount, int relationshipCount) {
        var rules = rules(kind);
        var random = new Random(seed);
        var tables = new ArrayList<GenTable>();
        for (int i = 0; i < tableCount; i++) {
            // mixed case names, quoted everywhere, so every database keeps them as written
            var pk = IntStream.range(0, 1 + random.nextInt(3)).mapToObj(k -> (k % 2 == 0 ? "K" : "k") + k).toList();
            var uk = random.nextInt(10) < 3
                    ? IntStream.range(0, 1 + random.nextInt(2)).mapToObj(k -> "U" + k).toList() : List.<String>of();
            tables.add(new GenTable("Tab " + i, pk, uk, new ArrayList<>()));
        }
        var keys = new ArrayList<GenKey>();
        var extraUniqueIndexes = new ArrayList<String>();
        var seenOrders = new HashSet<String>();
        for (int j = 0; j < relationshipCount; j++) {
            int child = random.nextInt(tableCount);
            int parent = random.nextInt(10) == 0 ? child : random.nextInt(tableCount);
            var target = tables.get(parent);
            var key = !target.uniqueKey().isEmpty() && random.nextBoolean() ? target.uniqueKey() : target.primaryKey();
            var referenced = new ArrayList<>(key);
            Collections.shuffle(referenced, random);
            if (kind == Kind.MARIADB && !referenced.equals(key) && seenOrders.add(parent + ":" + referenced)) {
                extraUniqueIndexes.add("create unique index " + q(kind, "ux" + j) + " on " + q(kind, schema) + "."
                        + q(kind, target.name()) + " (" + cols(kind, referenced) + ")");
            }
            int number = j;
            var childColumns = IntStream.range(0, referenced.size()).mapToObj(m -> "Fk" + number + "_" + m).toList();
            tables.get(child).fkColumns().addAll(childColumns);
            var onDelete = rules.get(random.nextInt(rules.size()));
            var onUpdate = rules.get(random.nextInt(rules.size()));
            boolean deferrable = kind == Kind.POSTGRESQL && random.nextInt(4) == 0;
            boolean deferred = deferrable && random.nextBoolean();
            keys.add(new GenKey(child, parent, "fk " + j, childColumns, referenced, onDelete, onUpdate, deferrable, deferred));
        }

        var ddl = new ArrayList<String>();
        for (var t : tables) {
            var columns = new ArrayList<String>();
            t.primaryKey().forEach(c -> columns.add(q(kind, c) + " int not null"));
            t.uniqueKey().forEach(c -> columns.add(q(kind, c) + " int not null"));
            t.fkColumns().forEach(c -> columns.add(q(kind, c) + " int"));
            columns.add("primary key (" + cols(kind, t.primaryKey()) + ")");
            if (!t.uniqueKey().isEmpty()) {
                columns.add("unique (" + cols(kind, t.uniqueKey()) + ")");
            }
            ddl.add("create table " + q(kind, schema) + "." + q(kind, t.name()) + " (" + String.join(", ", columns) + ")");
        }
        ddl.addAll(extraUniqueIndexes);
        var expected = new TreeSet<String>();
        for (var k : keys) {
            var child = new TableName(schema, tables.get(k.child()).name());
            var parent = new TableName(schema, tables.get(k.parent()).name());
            ddl.add("alter table " + q(kind, schema) + "." + q(kind, child.name()) + " add constraint " + q(kind, k.name())
                    + " foreign key (" + cols(kind, k.childColumns()) + ") references " + q(kind, schema) + "."
                    + q(kind, parent.name()) + " (" + cols(kind, k.parentColumns()) + ") on delete " + sql(k.onDelete())
                    + " on update " + sql(k.onUpdate())
                    + (k.deferrable() ? " deferrable" + (k.deferred() ? " initially deferred" : "") : ""));
            expected.add(Describe.line(child, k.name(), k.childColumns(), parent, k.parentColumns(), k.onDelete(),
                    k.onUpdate(), k.deferrable(), k.deferred()));
        }
        return new Generated(ddl, expected);
    }

    private static String q(Kind kind, String identifier) {
        return kind == Kind.MARIADB ? "`" + identifier.replace("`", "``") + "`" : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String cols(Kind kind, List<String> columns) {
        return columns.stream().map(c -> q(kind, c)).collect(Collectors.joining(", "));
    }

    // --- a small schema with data --------------------------------------------------------------------------------

    /** Two to seven small tables with data, and the rows of one of them to delete. */
    public static WithData withData(Kind kind, long seed) {
        return new WithData(kind, seed);
    }

    /** A few tables {@code t<i>} with data, created unqualified in the connection's default schema. */
    public static final class WithData {

        /** One table: {@code t<i>} with key {@code id} (and unique {@code code = id * 10}) or composite {@code (a, b)}. */
        public record TableSpec(String name, boolean composite, int rows) {
            public List<String> key() {
                return composite ? List.of("a", "b") : List.of("id");
            }
        }

        /**
         * One foreign key; {@code reversed} declares a composite key as (b, a); {@code toCode} references the unique
         * non-key column; {@code defaultRow} is the parent row the columns default to (0 for no default).
         */
        public record FkSpec(String name, int child, int parent, boolean toCode, boolean reversed, boolean notNull,
                             Rule rule, int defaultRow) {
        }

        public final long seed;
        public final List<TableSpec> tables = new ArrayList<>();
        public final List<FkSpec> fks = new ArrayList<>();
        /** Per table, per row, the FK column values (null = NULL), aligned with {@link #fkColumns(int)}. */
        private final List<List<List<Integer>>> fkValues = new ArrayList<>();
        public final int rootTable;
        public final List<Integer> rootRows;

        private WithData(Kind kind, long seed) {
            boolean setDefaultAllowed = kind != Kind.MARIADB;
            this.seed = seed;
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                tables.add(new TableSpec("t" + i, rnd.nextInt(4) == 0, 3 + rnd.nextInt(10)));
            }
            List<Rule> rules = rules(kind);
            for (int child = 0; child < n; child++) {
                int parents = rnd.nextInt(4);
                for (int j = 0; j < parents; j++) {
                    // mostly towards earlier tables (trees and diamonds), sometimes itself or later ones (cycles)
                    int parent = rnd.nextInt(5) == 0 ? rnd.nextInt(n) : rnd.nextInt(child + 1);
                    TableSpec p = tables.get(parent);
                    Rule rule = rules.get(rnd.nextInt(rules.size()));
                    // CASCADE-heavy, so that deletes travel
                    if (rnd.nextInt(3) == 0) {
                        rule = Rule.CASCADE;
                    }
                    boolean notNull = rnd.nextInt(4) == 0 && !(rule == Rule.SET_NULL && !setDefaultAllowed);
                    int defaultRow = rule == Rule.SET_DEFAULT && rnd.nextBoolean() ? 1 + rnd.nextInt(p.rows()) : 0;
                    fks.add(new FkSpec("fk_" + child + "_" + fks.size(), child, parent, !p.composite() && rnd.nextInt(4) == 0,
                            p.composite() && rnd.nextBoolean(), notNull, rule, defaultRow));
                }
            }
            for (int t = 0; t < n; t++) {
                var rows = new ArrayList<List<Integer>>();
                for (int r = 1; r <= tables.get(t).rows(); r++) {
                    var values = new ArrayList<Integer>();
                    for (FkSpec fk : fks) {
                        if (fk.child() != t) {
                            continue;
                        }
                        TableSpec p = tables.get(fk.parent());
                        int target = fk.parent() == t && rnd.nextInt(8) == 0 ? r : 1 + rnd.nextInt(p.rows());
                        boolean isNull = !fk.notNull() && rnd.nextInt(5) == 0;
                        for (String col : parentColumns(fk)) {
                            values.add(isNull ? null : value(p, target, col));
                        }
                    }
                    rows.add(values);
                }
                fkValues.add(rows);
            }
            rootTable = rnd.nextInt(n);
            var candidates = new ArrayList<Integer>();
            for (int r = 1; r <= tables.get(rootTable).rows(); r++) {
                candidates.add(r);
            }
            Collections.shuffle(candidates, rnd);
            rootRows = List.copyOf(candidates.subList(0, 1 + rnd.nextInt(2)));
        }

        /** The key column value of row {@code r} (1-based) of a table. */
        public static int value(TableSpec t, int r, String column) {
            return switch (column) {
                case "id" -> r;
                case "code" -> r * 10;
                case "a" -> (r - 1) / 3 + 1;
                case "b" -> (r - 1) % 3 + 1;
                default -> throw new IllegalArgumentException(column);
            };
        }

        public List<String> parentColumns(FkSpec fk) {
            TableSpec p = tables.get(fk.parent());
            if (p.composite()) {
                return fk.reversed() ? List.of("b", "a") : List.of("a", "b");
            }
            return List.of(fk.toCode() ? "code" : "id");
        }

        public List<String> childColumns(FkSpec fk) {
            return parentColumns(fk).stream().map(c -> fk.name() + "_" + c).toList();
        }

        private List<String> fkColumns(int table) {
            return fks.stream().filter(f -> f.child() == table).flatMap(f -> childColumns(f).stream()).toList();
        }

        /** The root keys as primary-key tuples. */
        public List<Object[]> rootKeys() {
            TableSpec t = tables.get(rootTable);
            return rootRows.stream().map(r -> t.key().stream().map(c -> (Object) (long) value(t, r, c)).toArray()).toList();
        }

        public String ddlAndData(Dialect d) {
            var sql = new StringBuilder();
            for (int i = 0; i < tables.size(); i++) {
                TableSpec t = tables.get(i);
                var cols = new ArrayList<String>();
                if (t.composite()) {
                    cols.add(d.quote("a") + " INT NOT NULL");
                    cols.add(d.quote("b") + " INT NOT NULL");
                } else {
                    cols.add(d.quote("id") + " INT NOT NULL");
                    cols.add(d.quote("code") + " INT NOT NULL");
                }
                cols.add(d.quote("note") + " VARCHAR(40)");
                for (FkSpec fk : fks) {
                    if (fk.child() != i) {
                        continue;
                    }
                    List<String> pcols = parentColumns(fk);
                    List<String> ccols = childColumns(fk);
                    for (int k = 0; k < ccols.size(); k++) {
                        String def = fk.defaultRow() > 0
                                ? " DEFAULT " + value(tables.get(fk.parent()), fk.defaultRow(), pcols.get(k)) : "";
                        cols.add(d.quote(ccols.get(k)) + " INT" + def + (fk.notNull() ? " NOT NULL" : ""));
                    }
                }
                cols.add("PRIMARY KEY (" + d.columnList(t.key()) + ")");
                if (t.composite()) {
                    cols.add("CONSTRAINT " + d.quote(t.name() + "_ba") + " UNIQUE (" + d.quote("b") + ", " + d.quote("a") + ")");
                } else {
                    cols.add("CONSTRAINT " + d.quote(t.name() + "_code") + " UNIQUE (" + d.quote("code") + ")");
                }
                sql.append("CREATE TABLE ").append(d.quote(t.name())).append(" (").append(String.join(", ", cols)).append(");\n");
            }
            for (int i = 0; i < tables.size(); i++) {
                TableSpec t = tables.get(i);
                var names = new ArrayList<>(t.composite() ? List.of("a", "b") : List.of("id", "code"));
                names.add("note");
                names.addAll(fkColumns(i));
                var rows = new ArrayList<String>();
                for (int r = 1; r <= t.rows(); r++) {
                    var values = new ArrayList<String>();
                    for (String k : t.composite() ? List.of("a", "b") : List.of("id", "code")) {
                        values.add(String.valueOf(value(t, r, k)));
                    }
                    values.add("'row " + r + "'");
                    fkValues.get(i).get(r - 1).forEach(v -> values.add(v == null ? "NULL" : v.toString()));
                    rows.add("(" + String.join(", ", values) + ")");
                }
                sql.append("INSERT INTO ").append(d.quote(t.name())).append(" (")
                        .append(names.stream().map(d::quote).collect(Collectors.joining(", "))).append(") VALUES ")
                        .append(String.join(", ", rows)).append(";\n");
            }
            for (FkSpec fk : fks) {
                sql.append("ALTER TABLE ").append(d.quote(tables.get(fk.child()).name()))
                        .append(" ADD CONSTRAINT ").append(d.quote(fk.name()))
                        .append(" FOREIGN KEY (").append(d.columnList(childColumns(fk))).append(") REFERENCES ")
                        .append(d.quote(tables.get(fk.parent()).name())).append(" (").append(d.columnList(parentColumns(fk)))
                        .append(") ON DELETE ").append(sql(fk.rule())).append(";\n");
            }
            return sql.toString();
        }

        @Override
        public String toString() {
            return "SchemaGenerator.withData(seed=" + seed + ", tables=" + tables + ", fks=" + fks + ", root=t" + rootTable + rootRows + ")";
        }
    }
}
