package dev.safedelete.catalog;

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
 * Builds a schema of random shape from a seed: tables with composite primary keys and unique keys, foreign keys
 * to either, listing the key's columns in a shuffled order, with random rules, self-references and cycles (every
 * table may reference every table, so cycles come by themselves). It returns the DDL and the relationships it
 * intends, in {@link Describe} form, for the loaders to be held against.
 */
public final class SchemaGenerator {

    public enum Flavour {
        POSTGRES(List.of(Rule.values()), true),
        /** InnoDB rejects SET DEFAULT and needs an index listing referenced columns in the referencing order. */
        MARIADB(List.of(Rule.CASCADE, Rule.SET_NULL, Rule.RESTRICT, Rule.NO_ACTION), false),
        H2(List.of(Rule.values()), false);

        final List<Rule> rules;
        final boolean deferrable;

        Flavour(List<Rule> rules, boolean deferrable) {
            this.rules = rules;
            this.deferrable = deferrable;
        }

        public static Flavour of(TestDatabase.Kind kind) {
            return switch (kind) {
                case POSTGRES -> POSTGRES;
                case MARIADB -> MARIADB;
                case H2, H2_LOWER -> H2;
            };
        }
    }

    public record Generated(List<String> ddl, Set<String> expected) {
    }

    private record GenTable(String name, List<String> primaryKey, List<String> uniqueKey, List<String> fkColumns) {
    }

    private record GenKey(int child, int parent, String name, List<String> childColumns, List<String> parentColumns,
                          Rule onDelete, Rule onUpdate, boolean deferrable, boolean deferred) {
    }

    public static Generated generate(Flavour flavour, String schema, long seed, int tableCount, int relationshipCount) {
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
            if (flavour == Flavour.MARIADB && !referenced.equals(key) && seenOrders.add(parent + ":" + referenced)) {
                extraUniqueIndexes.add("create unique index " + q(flavour, "ux" + j) + " on " + q(flavour, schema) + "."
                        + q(flavour, target.name()) + " (" + cols(flavour, referenced) + ")");
            }
            int number = j;
            var childColumns = IntStream.range(0, referenced.size()).mapToObj(m -> "Fk" + number + "_" + m).toList();
            tables.get(child).fkColumns().addAll(childColumns);
            var onDelete = flavour.rules.get(random.nextInt(flavour.rules.size()));
            var onUpdate = flavour.rules.get(random.nextInt(flavour.rules.size()));
            boolean deferrable = flavour.deferrable && random.nextInt(4) == 0;
            boolean deferred = deferrable && random.nextBoolean();
            keys.add(new GenKey(child, parent, "fk " + j, childColumns, referenced, onDelete, onUpdate, deferrable, deferred));
        }

        var ddl = new ArrayList<String>();
        for (var t : tables) {
            var columns = new ArrayList<String>();
            t.primaryKey().forEach(c -> columns.add(q(flavour, c) + " int not null"));
            t.uniqueKey().forEach(c -> columns.add(q(flavour, c) + " int not null"));
            t.fkColumns().forEach(c -> columns.add(q(flavour, c) + " int"));
            columns.add("primary key (" + cols(flavour, t.primaryKey()) + ")");
            if (!t.uniqueKey().isEmpty()) {
                columns.add("unique (" + cols(flavour, t.uniqueKey()) + ")");
            }
            ddl.add("create table " + q(flavour, schema) + "." + q(flavour, t.name()) + " (" + String.join(", ", columns) + ")");
        }
        ddl.addAll(extraUniqueIndexes);
        var expected = new TreeSet<String>();
        for (var k : keys) {
            var child = new TableName(schema, tables.get(k.child()).name());
            var parent = new TableName(schema, tables.get(k.parent()).name());
            ddl.add("alter table " + q(flavour, schema) + "." + q(flavour, child.name()) + " add constraint " + q(flavour, k.name())
                    + " foreign key (" + cols(flavour, k.childColumns()) + ") references " + q(flavour, schema) + "."
                    + q(flavour, parent.name()) + " (" + cols(flavour, k.parentColumns()) + ") on delete " + sql(k.onDelete())
                    + " on update " + sql(k.onUpdate())
                    + (k.deferrable() ? " deferrable" + (k.deferred() ? " initially deferred" : "") : ""));
            expected.add(Describe.line(child, k.name(), k.childColumns(), parent, k.parentColumns(), k.onDelete(),
                    k.onUpdate(), k.deferrable(), k.deferred()));
        }
        return new Generated(ddl, expected);
    }

    private static String sql(Rule rule) {
        return rule.name().replace('_', ' ');
    }

    private static String q(Flavour flavour, String identifier) {
        return flavour == Flavour.MARIADB ? "`" + identifier.replace("`", "``") + "`" : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String cols(Flavour flavour, List<String> columns) {
        return columns.stream().map(c -> q(flavour, c)).collect(Collectors.joining(", "));
    }
}
