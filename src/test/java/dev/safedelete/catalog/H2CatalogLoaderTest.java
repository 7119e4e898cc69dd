package dev.safedelete.catalog;

import dev.safedelete.testdb.ScratchDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The H2 loader, with names folded to upper case (H2's default) and to lower case (DATABASE_TO_LOWER=TRUE). */
class H2CatalogLoaderTest {

    /** Builds the shared test schema in {@code s} with a reference from {@code other}; names unquoted where plain. */
    private static void createSchema(ScratchDatabase db, String s, String other) throws SQLException {
        db.execute(
                "create table %s.\"order\" (id int primary key, \"select\" int, code varchar(20) not null unique, \"Mixed Case\" int default 7)".formatted(s),
                "create table %1$s.\"Order Lines\" (\"Order Id\" int references %1$s.\"order\"(id) on delete cascade, \"Line No\" int, primary key (\"Order Id\", \"Line No\"))".formatted(s),
                "create table %s.parent (a int, b int, c varchar(10), primary key (a, b))".formatted(s),
                "create unique index parent_c on %s.parent (c)".formatted(s),
                "create table %1$s.child (id int primary key, pb int, pa int, constraint child_parent foreign key (pb, pa) references %1$s.parent (b, a) on delete cascade on update restrict)".formatted(s),
                "create table %1$s.employee (id int primary key, manager_id int, constraint employee_manager foreign key (manager_id) references %1$s.employee(id) on delete set null)".formatted(s),
                "create table %s.a (id int primary key, b_id int)".formatted(s),
                "create table %1$s.b (id int primary key, a_id int, constraint b_a foreign key (a_id) references %1$s.a(id) on delete cascade)".formatted(s),
                "alter table %1$s.a add constraint a_b foreign key (b_id) references %1$s.b(id)".formatted(s),
                "create table %1$s.by_code (id int primary key, order_code varchar(20), constraint by_code_order foreign key (order_code) references %1$s.\"order\"(code) on update cascade)".formatted(s),
                """
                create table %1$s.rules (id int primary key, r_cascade int, r_set_null int, r_set_default int default 0, r_restrict int, r_no_action int,
                  constraint r_cascade foreign key (r_cascade) references %1$s."order"(id) on delete cascade,
                  constraint r_set_null foreign key (r_set_null) references %1$s."order"(id) on delete set null,
                  constraint r_set_default foreign key (r_set_default) references %1$s."order"(id) on delete set default,
                  constraint r_restrict foreign key (r_restrict) references %1$s."order"(id) on delete restrict,
                  constraint r_no_action foreign key (r_no_action) references %1$s."order"(id) on delete no action)""".formatted(s),
                "create trigger %1$s.child_audit after delete, update on %1$s.child for each row call '%2$s'".formatted(s, NoopTrigger.class.getName()),
                "create trigger %1$s.child_insert after insert on %1$s.child for each row call '%2$s'".formatted(s, NoopTrigger.class.getName()),
                "create table %2$s.audit (id int primary key, order_id int, constraint audit_order foreign key (order_id) references %1$s.\"order\"(id) on delete cascade)".formatted(s, other),
                "create table %1$s.audit_detail (id int primary key, audit_id int, constraint detail_audit foreign key (audit_id) references %1$s.audit(id))".formatted(other),
                "create table %s.unrelated (id int primary key)".formatted(other));
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"H2", "H2_LOWER"})
    void readsEveryRelationshipWithColumnsPairedInDeclaredOrder(ScratchDatabase.Kind kind) throws SQLException {
        try (var db = ScratchDatabase.create(kind)) {
            var s = db.folded(db.newSchema());
            var other = db.folded(db.newSchema());
            createSchema(db, s, other);
            var catalog = db.load(List.of(s));
            var f = (java.util.function.UnaryOperator<String>) db::folded;

            assertEquals(Set.of(
                    s + ".Order Lines." + catalog.relationships().stream().filter(r -> r.childTable().name().equals("Order Lines"))
                            .findFirst().orElseThrow().constraintName() + " (Order Id) -> " + s + ".order (" + f.apply("id") + ") ON DELETE CASCADE ON UPDATE NO_ACTION",
                    s + "." + f.apply("child.child_parent") + " (" + f.apply("pb, pa") + ") -> " + s + "." + f.apply("parent (b, a)") + " ON DELETE CASCADE ON UPDATE RESTRICT",
                    s + "." + f.apply("employee.employee_manager (manager_id) -> ") + s + "." + f.apply("employee (id)") + " ON DELETE SET_NULL ON UPDATE NO_ACTION",
                    s + "." + f.apply("a.a_b (b_id) -> ") + s + "." + f.apply("b (id)") + " ON DELETE NO_ACTION ON UPDATE NO_ACTION",
                    s + "." + f.apply("b.b_a (a_id) -> ") + s + "." + f.apply("a (id)") + " ON DELETE CASCADE ON UPDATE NO_ACTION",
                    s + "." + f.apply("by_code.by_code_order (order_code) -> ") + s + ".order (" + f.apply("code") + ") ON DELETE NO_ACTION ON UPDATE CASCADE",
                    s + "." + f.apply("rules.r_cascade (r_cascade) -> ") + s + ".order (" + f.apply("id") + ") ON DELETE CASCADE ON UPDATE NO_ACTION",
                    s + "." + f.apply("rules.r_set_null (r_set_null) -> ") + s + ".order (" + f.apply("id") + ") ON DELETE SET_NULL ON UPDATE NO_ACTION",
                    s + "." + f.apply("rules.r_set_default (r_set_default) -> ") + s + ".order (" + f.apply("id") + ") ON DELETE SET_DEFAULT ON UPDATE NO_ACTION",
                    s + "." + f.apply("rules.r_restrict (r_restrict) -> ") + s + ".order (" + f.apply("id") + ") ON DELETE RESTRICT ON UPDATE NO_ACTION",
                    s + "." + f.apply("rules.r_no_action (r_no_action) -> ") + s + ".order (" + f.apply("id") + ") ON DELETE NO_ACTION ON UPDATE NO_ACTION"),
                    Describe.relationshipsFrom(catalog, s));
            assertEquals(Set.of(
                    other + "." + f.apply("audit.audit_order (order_id) -> ") + s + ".order (" + f.apply("id") + ") ON DELETE CASCADE ON UPDATE NO_ACTION",
                    other + "." + f.apply("audit_detail.detail_audit (audit_id) -> ") + other + "." + f.apply("audit (id)") + " ON DELETE NO_ACTION ON UPDATE NO_ACTION"),
                    Describe.relationshipsFrom(catalog, other));
            assertFalse(catalog.tables().containsKey(new TableName(other, f.apply("unrelated"))));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"H2", "H2_LOWER"})
    void readsKeysColumnsTriggersAndIndexCoverage(ScratchDatabase.Kind kind) throws SQLException {
        try (var db = ScratchDatabase.create(kind)) {
            var s = db.folded(db.newSchema());
            var other = db.folded(db.newSchema());
            createSchema(db, s, other);
            db.execute("create table %s.loose (id int primary key, ref int)".formatted(s));
            var catalog = db.load(List.of(s.toLowerCase())); // configured in another case than H2 folds to
            var order = catalog.table(new TableName(s, "order")).orElseThrow();
            var parent = catalog.table(new TableName(s, db.folded("parent"))).orElseThrow();
            var child = catalog.table(new TableName(s, db.folded("child"))).orElseThrow();

            assertEquals(List.of(db.folded("id")), order.primaryKey());
            assertEquals(List.of(List.of(db.folded("code"))), order.uniqueKeys());
            assertEquals(List.of(db.folded("id"), "select", db.folded("code"), "Mixed Case"), order.columns().stream().map(Column::name).toList());
            assertEquals("7", order.column("Mixed Case").orElseThrow().defaultValue());
            assertTrue("CHARACTER VARYING(20)".equalsIgnoreCase(order.column(db.folded("code")).orElseThrow().type()));
            assertEquals(List.of(db.folded("a"), db.folded("b")), parent.primaryKey());
            assertEquals(List.of(List.of(db.folded("c"))), parent.uniqueKeys());
            assertEquals(List.of(new TriggerInfo(db.folded("child_audit"), Set.of(TriggerInfo.Event.DELETE, TriggerInfo.Event.UPDATE))),
                    child.triggers());
            assertTrue(order.canDelete(), "an admin may do anything");
            // H2 indexes every foreign key itself
            catalog.relationships().forEach(r -> assertTrue(r.indexed(), r.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"H2", "H2_LOWER"})
    void agreesWithJdbcImportedKeysAndWithTheMetadataCrawl(ScratchDatabase.Kind kind) throws SQLException {
        try (var db = ScratchDatabase.create(kind)) {
            var s = db.folded(db.newSchema());
            var other = db.folded(db.newSchema());
            createSchema(db, s, other);
            var catalog = db.load(List.of(s));
            var crawled = new JdbcMetadataCatalogLoader().load(db.connection(), List.of(s));

            var fromDriver = Describe.importedKeys(db.connection(), catalog.tables().keySet());
            assertEquals(13, fromDriver.size());
            assertEquals(fromDriver, Describe.relationships(catalog));
            assertEquals(fromDriver, Describe.relationships(crawled));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"H2", "H2_LOWER"})
    void columnTypesAgreeWithTheDriver(ScratchDatabase.Kind kind) throws SQLException {
        try (var db = ScratchDatabase.create(kind)) {
            var s = db.folded(db.newSchema());
            db.execute("""
                    create table %s.types (a tinyint, b smallint, c integer, d bigint, e numeric(10,2), e2 decimal(5),
                      f real, g double precision, g2 float, h char(3), i varchar(20) default 'x', j clob, k blob, l date,
                      m time, n timestamp, o timestamp with time zone, p boolean, q uuid, r json, t int array,
                      u binary(4), v varbinary(10), x int generated always as identity)""".formatted(s));
            var table = db.load(List.of(s)).table(new TableName(s, db.folded("types"))).orElseThrow();

            try (var rs = db.connection().getMetaData().getColumns(null, s, db.folded("types"), null)) {
                while (rs.next()) {
                    var column = table.column(rs.getString("COLUMN_NAME")).orElseThrow();
                    assertEquals(rs.getInt("DATA_TYPE"), column.jdbcType(), column.name());
                    assertEquals(rs.getString("COLUMN_DEF"), column.defaultValue(), column.name());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"H2"})
    void aUserWhoIsNoAdminSeesEveryRelationshipAndIsAssumedAllowedSinceH2HidesItsRights(ScratchDatabase.Kind kind) throws SQLException {
        try (var db = ScratchDatabase.create(kind)) {
            var s = db.folded(db.newSchema());
            var other = db.folded(db.newSchema());
            createSchema(db, s, other);
            db.execute("create user bob password 'pw'", "create role editors",
                    "grant select on schema %s to bob".formatted(s),
                    "grant select on schema %s to bob".formatted(other),
                    "grant delete on %s.child to bob".formatted(s),
                    "grant update on schema %s to editors".formatted(s),
                    "grant editors to bob");

            try (var bob = db.connectAs("bob", "pw")) {
                var catalog = db.loader().load(bob, List.of(s));

                assertEquals(Describe.relationships(db.load(List.of(s))), Describe.relationships(catalog));
                // H2 shows INFORMATION_SCHEMA.RIGHTS to admins only
                assertTrue(catalog.table(new TableName(s, "order")).orElseThrow().canDelete());
                assertTrue(catalog.table(new TableName(other, "AUDIT")).orElseThrow().canUpdate());
            }
        }
    }
}
