package dev.safedelete.catalog;

import dev.safedelete.testdb.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL loader against a schema that holds every case the catalog must get right. */
class PostgresCatalogLoaderTest {

    ScratchDatabase db;
    String s;
    String other;

    @BeforeEach
    void createSchemas() throws SQLException {
        db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL);
        s = db.newSchema();
        other = db.newSchema();
        db.execute(
                // a reserved word as table name, a column named select, a unique non-key column
                "create table %s.\"order\" (id int primary key, \"select\" int, code text not null unique, \"Mixed Case\" int default 7)".formatted(s),
                // mixed case and spaces, composite primary key
                "create table %s.\"Order Lines\" (\"Order Id\" int references %s.\"order\"(id) on delete cascade, \"Line No\" int, primary key (\"Order Id\", \"Line No\"))".formatted(s, s),
                // composite key referenced in another order than it is declared
                "create table %s.parent (a int, b int, c text, primary key (a, b))".formatted(s),
                "create unique index parent_c_key on %s.parent (c)".formatted(s),
                "create table %s.child (id int primary key, pb int, pa int, constraint \"child→parent\" foreign key (pb, pa) references %s.parent (b, a) on delete cascade on update restrict)".formatted(s, s),
                // unique indexes that are not keys: partial and on an expression
                "create unique index child_partial on %s.child (pa) where id > 100".formatted(s),
                "create unique index order_lower_code on %s.\"order\" (lower(code))".formatted(s),
                // self-reference
                "create table %s.employee (id int primary key, manager_id int constraint employee_manager references %s.employee(id) on delete set null)".formatted(s, s),
                // a cycle of two tables, one edge deferrable initially deferred, one deferrable initially immediate
                "create table %s.a (id int primary key, b_id int)".formatted(s),
                "create table %s.b (id int primary key, a_id int constraint b_a references %s.a(id) on delete cascade deferrable)".formatted(s, s),
                "alter table %s.a add constraint a_b foreign key (b_id) references %s.b(id) deferrable initially deferred".formatted(s, s),
                // a foreign key to a unique column that is not the primary key
                "create table %s.by_code (id int primary key, order_code text constraint by_code_order references %s.\"order\"(code) on update cascade)".formatted(s, s),
                // every rule, one indexed column
                """
                create table %1$s.rules (id int primary key,
                  r_cascade int constraint r_cascade references %1$s."order"(id) on delete cascade,
                  r_set_null int constraint r_set_null references %1$s."order"(id) on delete set null,
                  r_set_default int default 0 constraint r_set_default references %1$s."order"(id) on delete set default,
                  r_restrict int constraint r_restrict references %1$s."order"(id) on delete restrict,
                  r_no_action int constraint r_no_action references %1$s."order"(id) on delete no action)""".formatted(s),
                "create index rules_cascade on %s.rules (r_cascade, id)".formatted(s),
                // ON DELETE SET NULL (column) of PostgreSQL 15
                "create table %1$s.docs (tenant int not null, doc int, parent_doc int, primary key (tenant, doc), constraint docs_parent foreign key (tenant, parent_doc) references %1$s.docs on delete set null (parent_doc))".formatted(s),
                // a partitioned table referencing and referenced
                "create table %1$s.events (id int, created date, order_id int constraint events_order references %1$s.\"order\"(id) on delete cascade, primary key (id, created)) partition by range (created)".formatted(s),
                "create table %1$s.events_2024 partition of %1$s.events for values from ('2024-01-01') to ('2025-01-01')".formatted(s),
                "create table %1$s.events_2025 partition of %1$s.events for values from ('2025-01-01') to ('2026-01-01')".formatted(s),
                "create table %1$s.event_notes (id int primary key, event_id int, created date, constraint notes_event foreign key (event_id, created) references %1$s.events on delete cascade)".formatted(s),
                // a trigger on delete and update, and the internal triggers every foreign key has
                "create function %s.noop() returns trigger language plpgsql as 'begin return old; end'".formatted(s),
                "create trigger child_audit before delete or update on %s.child for each row execute function %s.noop()".formatted(s, s),
                "create trigger child_insert before insert on %s.child for each row execute function %s.noop()".formatted(s, s),
                // another schema referencing this one, and a table there referencing that one
                "create table %s.audit (id int primary key, order_id int constraint audit_order references %s.\"order\"(id) on delete cascade)".formatted(other, s),
                "create table %s.audit_detail (id int primary key, audit_id int constraint detail_audit references %s.audit(id))".formatted(other, other),
                "create table %s.unrelated (id int primary key)".formatted(other));
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        db.close();
    }

    @Test
    void readsEveryRelationshipWithColumnsPairedInDeclaredOrder() throws SQLException {
        var catalog = db.load(List.of(s));

        assertEquals(Set.of(
                s + ".Order Lines.Order Lines_Order Id_fkey (Order Id) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE NO_ACTION",
                s + ".child.child→parent (pb, pa) -> " + s + ".parent (b, a) ON DELETE CASCADE ON UPDATE RESTRICT",
                s + ".employee.employee_manager (manager_id) -> " + s + ".employee (id) ON DELETE SET_NULL ON UPDATE NO_ACTION",
                s + ".a.a_b (b_id) -> " + s + ".b (id) ON DELETE NO_ACTION ON UPDATE NO_ACTION DEFERRABLE INITIALLY DEFERRED",
                s + ".b.b_a (a_id) -> " + s + ".a (id) ON DELETE CASCADE ON UPDATE NO_ACTION DEFERRABLE",
                s + ".by_code.by_code_order (order_code) -> " + s + ".order (code) ON DELETE NO_ACTION ON UPDATE CASCADE",
                s + ".rules.r_cascade (r_cascade) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE NO_ACTION",
                s + ".rules.r_set_null (r_set_null) -> " + s + ".order (id) ON DELETE SET_NULL ON UPDATE NO_ACTION",
                s + ".rules.r_set_default (r_set_default) -> " + s + ".order (id) ON DELETE SET_DEFAULT ON UPDATE NO_ACTION",
                s + ".rules.r_restrict (r_restrict) -> " + s + ".order (id) ON DELETE RESTRICT ON UPDATE NO_ACTION",
                s + ".rules.r_no_action (r_no_action) -> " + s + ".order (id) ON DELETE NO_ACTION ON UPDATE NO_ACTION",
                s + ".docs.docs_parent (tenant, parent_doc) -> " + s + ".docs (tenant, doc) ON DELETE SET_NULL ON UPDATE NO_ACTION",
                s + ".events.events_order (order_id) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE NO_ACTION",
                s + ".event_notes.notes_event (event_id, created) -> " + s + ".events (id, created) ON DELETE CASCADE ON UPDATE NO_ACTION"),
                Describe.relationshipsFrom(catalog, s));
        assertEquals(List.of("parent_doc"), catalog.relationship(s + ".docs.docs_parent").orElseThrow().setNullColumns());
        assertEquals(List.of(), catalog.relationship(s + ".rules.r_set_null").orElseThrow().setNullColumns());
        assertTrue(catalog.relationship(s + ".employee.employee_manager").orElseThrow().selfReference());
    }

    @Test
    void followsReferencesFromOtherSchemasTransitivelyButNotUnrelatedTables() throws SQLException {
        var catalog = db.load(List.of(s));

        assertTrue(catalog.tables().containsKey(new TableName(other, "audit")));
        assertTrue(catalog.tables().containsKey(new TableName(other, "audit_detail")));
        assertFalse(catalog.tables().containsKey(new TableName(other, "unrelated")));
        assertEquals(Set.of(
                other + ".audit.audit_order (order_id) -> " + s + ".order (id) ON DELETE CASCADE ON UPDATE NO_ACTION",
                other + ".audit_detail.detail_audit (audit_id) -> " + other + ".audit (id) ON DELETE NO_ACTION ON UPDATE NO_ACTION"),
                Describe.relationshipsFrom(catalog, other));
    }

    @Test
    void partitionsAreRepresentedByTheirPartitionedTableAndCloneConstraintsAreSkipped() throws SQLException {
        var catalog = db.load(List.of(s));

        assertTrue(catalog.tables().containsKey(new TableName(s, "events")));
        assertFalse(catalog.tables().containsKey(new TableName(s, "events_2024")));
        assertFalse(catalog.tables().containsKey(new TableName(s, "events_2025")));
        assertEquals(List.of("events_order", "notes_event"), catalog.relationships().stream()
                .map(Relationship::constraintName).filter(n -> n.contains("event")).sorted().toList());
        assertEquals(List.of("id", "created"), catalog.table(new TableName(s, "events")).orElseThrow().primaryKey());
    }

    @Test
    void readsKeysColumnsTriggersAndIndexCoverage() throws SQLException {
        var catalog = db.load(List.of(s));
        var order = catalog.table(new TableName(s, "order")).orElseThrow();
        var parent = catalog.table(new TableName(s, "parent")).orElseThrow();
        var child = catalog.table(new TableName(s, "child")).orElseThrow();

        assertEquals(List.of("id"), order.primaryKey());
        assertEquals(List.of(List.of("code")), order.uniqueKeys(), "the expression index is no key");
        assertEquals(List.of("id", "select", "code", "Mixed Case"), order.columns().stream().map(Column::name).toList());
        assertEquals(new Column("Mixed Case", "integer", Types.INTEGER, true, "7"), order.column("Mixed Case").orElseThrow());
        assertFalse(order.column("code").orElseThrow().nullable());
        assertEquals(List.of("a", "b"), parent.primaryKey());
        assertEquals(List.of(List.of("c")), parent.uniqueKeys());
        assertEquals(List.of(), child.uniqueKeys(), "the partial unique index is no key");
        assertEquals(List.of(new TriggerInfo("child_audit", Set.of(TriggerInfo.Event.DELETE, TriggerInfo.Event.UPDATE))),
                child.triggers());
        assertEquals(List.of(), catalog.table(new TableName(s, "rules")).orElseThrow().triggers(), "FK triggers are internal");
        assertEquals(List.of("Order Id", "Line No"), catalog.table(new TableName(s, "Order Lines")).orElseThrow().primaryKey());

        assertTrue(catalog.relationship(s + ".rules.r_cascade").orElseThrow().indexed());
        assertFalse(catalog.relationship(s + ".rules.r_set_null").orElseThrow().indexed());
        assertFalse(catalog.relationship(s + ".child.child→parent").orElseThrow().indexed());
        assertTrue(catalog.relationship(s + ".Order Lines.Order Lines_Order Id_fkey").orElseThrow().indexed(), "leads the PK");
        assertFalse(catalog.relationship(s + ".docs.docs_parent").orElseThrow().indexed(), "the PK starts (tenant, doc)");
        assertTrue(order.canDelete());
        assertTrue(order.canUpdate());
    }

    @Test
    void agreesWithJdbcImportedKeysAndWithTheMetadataCrawl() throws SQLException {
        var catalog = db.load(List.of(s));
        var crawled = new JdbcMetadataCatalogLoader().load(db.connection(), List.of(s));

        var fromDriver = Describe.importedKeys(db.connection(), catalog.tables().keySet());
        assertEquals(16, fromDriver.size());
        assertEquals(fromDriver, Describe.relationships(catalog));
        // the crawl lists partitions as tables (with their clone constraints); compare on the tables both have
        var crawledHere = new TreeSet<>(Describe.relationships(crawled));
        crawledHere.removeIf(line -> line.contains("events_20"));
        assertEquals(fromDriver, crawledHere);
    }

    @Test
    void columnTypesAgreeWithTheDriver() throws SQLException {
        db.execute("""
                create table %s.types (a smallint, b integer, c bigint, d numeric(10,2), e real, f double precision,
                  g boolean, h char(3), i varchar(20), j text, k bytea, l date, m time, n timestamp, o timestamptz,
                  p uuid, q jsonb, r int[], s serial, t bit(3), u xml)""".formatted(s));
        var table = db.load(List.of(s)).table(new TableName(s, "types")).orElseThrow();

        try (var rs = db.connection().getMetaData().getColumns(null, s, "types", null)) {
            while (rs.next()) {
                var column = table.column(rs.getString("COLUMN_NAME")).orElseThrow();
                assertEquals(rs.getInt("DATA_TYPE"), column.jdbcType(), column.name());
                assertEquals(rs.getString("COLUMN_DEF"), column.defaultValue(), column.name());
                assertEquals(rs.getInt("NULLABLE") == 1, column.nullable(), column.name());
            }
        }
        assertEquals("character varying(20)", table.column("i").orElseThrow().type());
    }

    @Test
    void aUserWhoOwnsNothingSeesEveryConstraintButMayNotDelete() throws SQLException {
        var role = ScratchDatabase.uniqueName("sd_cat_reader");
        db.execute("create role " + role + " login",
                "grant usage on schema %s, %s to %s".formatted(s, other, role),
                "grant select on all tables in schema %s to %s".formatted(s, role),
                "grant select on all tables in schema %s to %s".formatted(other, role),
                "grant update on %s.parent to %s".formatted(s, role));
        db.onClose(() -> db.execute("drop owned by " + role, "drop role " + role));
        var asOwner = db.load(List.of(s));

        try (var reader = db.connectAs(role, "")) {
            var asReader = db.loader().load(reader, List.of(s));

            assertEquals(16, asReader.relationships().size());
            assertEquals(Describe.relationships(asOwner), Describe.relationships(asReader));
            asReader.tables().values().forEach(t -> assertFalse(t.canDelete(), t.name().qualified()));
            assertTrue(asReader.table(new TableName(s, "parent")).orElseThrow().canUpdate());
            assertFalse(asReader.table(new TableName(s, "child")).orElseThrow().canUpdate());
            assertEquals(1, asReader.table(new TableName(s, "child")).orElseThrow().triggers().size());
        }
    }
}
