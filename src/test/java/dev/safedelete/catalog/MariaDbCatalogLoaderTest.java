package dev.safedelete.catalog;

import dev.safedelete.testdb.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MariaDB loader against databases (its schemas) holding every case the catalog must get right. */
class MariaDbCatalogLoaderTest {

    ScratchDatabase db;
    String s;
    String other;

    @BeforeEach
    void createDatabases() throws SQLException {
        db = ScratchDatabase.create(ScratchDatabase.Kind.MARIADB);
        s = db.newSchema();
        other = db.newSchema();
        db.execute(
                "create table %s.`order` (id int primary key, `select` int, code varchar(20) not null unique, `Mixed Case` int default 7)".formatted(s),
                "create table %1$s.`Order Lines` (`Order Id` int, `Line No` int, primary key (`Order Id`, `Line No`), foreign key (`Order Id`) references %1$s.`order`(id) on delete cascade)".formatted(s),
                // InnoDB needs an index on the referenced columns in the referencing order: a second unique key (b, a)
                "create table %s.parent (a int, b int, c varchar(10), primary key (a, b), unique key parent_ba (b, a), unique key parent_c (c), key parent_plain (c, a))".formatted(s),
                "create table %1$s.child (id int primary key, pb int, pa int, constraint `child→parent` foreign key (pb, pa) references %1$s.parent (b, a) on delete cascade on update restrict)".formatted(s),
                "create table %1$s.employee (id int primary key, manager_id int, constraint employee_manager foreign key (manager_id) references %1$s.employee(id) on delete set null)".formatted(s),
                "create table %s.a (id int primary key, b_id int)".formatted(s),
                "create table %1$s.b (id int primary key, a_id int, constraint b_a foreign key (a_id) references %1$s.a(id) on delete cascade)".formatted(s),
                "alter table %1$s.a add constraint a_b foreign key (b_id) references %1$s.b(id)".formatted(s),
                "create table %1$s.by_code (id int primary key, order_code varchar(20), constraint by_code_order foreign key (order_code) references %1$s.`order`(code) on update cascade)".formatted(s),
                // every rule InnoDB accepts (it rejects SET DEFAULT)
                """
                create table %1$s.rules (id int primary key, r_cascade int, r_set_null int, r_restrict int, r_no_action int,
                  constraint r_cascade foreign key (r_cascade) references %1$s.`order`(id) on delete cascade,
                  constraint r_set_null foreign key (r_set_null) references %1$s.`order`(id) on delete set null,
                  constraint r_restrict foreign key (r_restrict) references %1$s.`order`(id) on delete restrict,
                  constraint r_no_action foreign key (r_no_action) references %1$s.`order`(id) on delete no action)""".formatted(s),
                "create table %s.prefixed (id int primary key, name varchar(100), unique key name_prefix (name(10)))".formatted(s),
                "create trigger %1$s.child_audit before delete on %1$s.child for each row set @x = 1".formatted(s),
                "create trigger %1$s.child_update before update on %1$s.child for each row set @x = 1".formatted(s),
                "create trigger %1$s.child_insert before insert on %1$s.child for each row set @x = 1".formatted(s),
                "create table %2$s.audit (id int primary key, order_id int, constraint audit_order foreign key (order_id) references %1$s.`order`(id) on delete cascade)".formatted(s, other),
                "create table %1$s.audit_detail (id int primary key, audit_id int, constraint detail_audit foreign key (audit_id) references %1$s.audit(id))".formatted(other),
                "create table %s.unrelated (id int primary key)".formatted(other));
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        db.close();
    }

    @Test
    void readsEveryRelationshipWithColumnsPairedInDeclaredOrder() throws SQLException {
        var catalog = db.load(List.of(s));

        assertEquals(Set.of(
                s + ".Order Lines.Order Lines_ibfk_1 (Order Id) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE RESTRICT",
                s + ".child.child→parent (pb, pa) -> " + s + ".parent (b, a) ON DELETE CASCADE ON UPDATE RESTRICT",
                s + ".employee.employee_manager (manager_id) -> " + s + ".employee (id) ON DELETE SET_NULL ON UPDATE RESTRICT",
                s + ".a.a_b (b_id) -> " + s + ".b (id) ON DELETE RESTRICT ON UPDATE RESTRICT",
                s + ".b.b_a (a_id) -> " + s + ".a (id) ON DELETE CASCADE ON UPDATE RESTRICT",
                s + ".by_code.by_code_order (order_code) -> " + s + ".order (code) ON DELETE RESTRICT ON UPDATE CASCADE",
                s + ".rules.r_cascade (r_cascade) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE RESTRICT",
                s + ".rules.r_set_null (r_set_null) -> " + s + ".order (id) ON DELETE SET_NULL ON UPDATE RESTRICT",
                s + ".rules.r_restrict (r_restrict) -> " + s + ".order (id) ON DELETE RESTRICT ON UPDATE RESTRICT",
                s + ".rules.r_no_action (r_no_action) -> " + s + ".order (id) ON DELETE NO_ACTION ON UPDATE RESTRICT"),
                Describe.relationshipsFrom(catalog, s));
        assertEquals(Set.of(
                other + ".audit.audit_order (order_id) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE RESTRICT",
                other + ".audit_detail.detail_audit (audit_id) -> " + other + ".audit (id) ON DELETE RESTRICT ON UPDATE RESTRICT"),
                Describe.relationshipsFrom(catalog, other));
        assertFalse(catalog.tables().containsKey(new TableName(other, "unrelated")));
        // InnoDB indexes every foreign key itself
        catalog.relationships().forEach(r -> assertTrue(r.indexed(), r.id()));
    }

    @Test
    void readsKeysColumnsAndTriggers() throws SQLException {
        var catalog = db.load(List.of(s));
        var order = catalog.table(new TableName(s, "order")).orElseThrow();
        var parent = catalog.table(new TableName(s, "parent")).orElseThrow();

        assertEquals(List.of("id"), order.primaryKey());
        assertEquals(List.of(List.of("code")), order.uniqueKeys());
        assertEquals(List.of("id", "select", "code", "Mixed Case"), order.columns().stream().map(Column::name).toList());
        assertEquals("7", order.column("Mixed Case").orElseThrow().defaultValue());
        assertNull(order.column("select").orElseThrow().defaultValue(), "DEFAULT NULL is no default");
        assertEquals(List.of("a", "b"), parent.primaryKey());
        assertEquals(List.of(List.of("c")), parent.uniqueKeys(), "the key (b, a) is the primary key's columns again");
        assertEquals(List.of(), catalog.table(new TableName(s, "prefixed")).orElseThrow().uniqueKeys(), "a prefix is no key");
        assertEquals(List.of(new TriggerInfo("child_audit", Set.of(TriggerInfo.Event.DELETE)),
                        new TriggerInfo("child_update", Set.of(TriggerInfo.Event.UPDATE))),
                catalog.table(new TableName(s, "child")).orElseThrow().triggers());
        assertTrue(order.canDelete());
    }

    @Test
    void agreesWithJdbcImportedKeysAndWithTheMetadataCrawl() throws SQLException {
        var catalog = db.load(List.of(s));
        var crawled = new JdbcMetadataCatalogLoader().load(db.connection(), List.of(s));

        var fromDriver = Describe.importedKeys(db.connection(), catalog.tables().keySet());
        assertEquals(12, fromDriver.size());
        assertEquals(fromDriver, Describe.relationships(catalog));
        // MariaDB's driver answers getExportedKeys within one database only: the crawl misses the other database
        assertEquals(Describe.relationshipsFrom(catalog, s), Describe.relationships(crawled));
    }

    @Test
    void columnTypesAgreeWithTheDriver() throws SQLException {
        db.execute("""
                create table %s.types (a tinyint, b tinyint(1), c smallint, d mediumint, e int, f int unsigned, g bigint,
                  h decimal(10,2), i float, j double, k char(3), l varchar(20) default 'x', m text, n blob, o date,
                  p time, q datetime default current_timestamp, r timestamp null, s bit(1), t enum('a','b'),
                  u binary(4), v varbinary(10), w json)""".formatted(s));
        var table = db.load(List.of(s)).table(new TableName(s, "types")).orElseThrow();

        try (var rs = db.connection().getMetaData().getColumns(s, null, "types", null)) {
            while (rs.next()) {
                var column = table.column(rs.getString("COLUMN_NAME")).orElseThrow();
                assertEquals(rs.getInt("DATA_TYPE"), column.jdbcType(), column.name());
                assertEquals(MariaDbCatalogLoader.defaultValue(rs.getString("COLUMN_DEF")), column.defaultValue(), column.name());
            }
        }
        assertEquals("'x'", table.column("l").orElseThrow().defaultValue());
    }

    @Test
    void privilegesComeFromGlobalSchemaTableAndRoleGrants() throws SQLException {
        var user = ScratchDatabase.uniqueName("sd_cat_u");
        var role = ScratchDatabase.uniqueName("sd_cat_r");
        db.execute("create user '%s'@'%%' identified by 'pw'".formatted(user),
                "create role " + role,
                "grant select on %s.* to '%s'@'%%'".formatted(s, user),
                "grant select on %s.* to '%s'@'%%'".formatted(other, user),
                "grant delete on %s.child to '%s'@'%%'".formatted(s, user),
                "grant update on %s.* to %s".formatted(other, role),
                "grant %s to '%s'@'%%'".formatted(role, user),
                "set default role %s for '%s'@'%%'".formatted(role, user));
        db.onClose(() -> db.execute("drop user '%s'@'%%'".formatted(user), "drop role " + role));
        var asOwner = db.load(List.of(s));

        try (var connection = db.connectAs(user, "pw")) {
            var catalog = db.loader().load(connection, List.of(s));

            assertEquals(Describe.relationships(asOwner), Describe.relationships(catalog));
            assertTrue(catalog.table(new TableName(s, "child")).orElseThrow().canDelete());
            assertFalse(catalog.table(new TableName(s, "order")).orElseThrow().canDelete());
            assertFalse(catalog.table(new TableName(s, "order")).orElseThrow().canUpdate());
            assertTrue(catalog.table(new TableName(other, "audit")).orElseThrow().canUpdate(), "through the role");
            assertFalse(catalog.table(new TableName(other, "audit")).orElseThrow().canDelete());
        }
    }
}
