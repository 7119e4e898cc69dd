package dev.safedelete.catalog;

import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** A small hand-built catalog for tests that need no database. */
final class CatalogFixtures {

    private CatalogFixtures() {
    }

    static Column integer(String name) {
        return new Column(name, "integer", Types.INTEGER, true, null);
    }

    static Column text(String name) {
        return new Column(name, "varchar(40)", Types.VARCHAR, true, null);
    }

    /**
     * shop.customers(id, email unique), shop.orders(id, customer_ref, customer_email, region), sales.orders(id),
     * shop.Regions(code) and shop.regions(code) side by side, shop.events(id uuid, ref uuid, ref_text).
     */
    static Catalog shop() {
        var tables = new LinkedHashMap<TableName, Table>();
        put(tables, new Table(new TableName("shop", "customers"), List.of(integer("id"), text("email"), integer("tenant")),
                List.of("id"), List.of(List.of("email")), List.of(), true, true));
        put(tables, new Table(new TableName("shop", "orders"),
                List.of(integer("id"), integer("customer_ref"), text("customer_email"), text("region"),
                        new Column("customer_big", "bigint", Types.BIGINT, true, null)),
                List.of("id"), List.of(), List.of(), true, true, List.of(List.of("id"), List.of("customer_ref", "id"))));
        put(tables, new Table(new TableName("sales", "orders"), List.of(integer("id")), List.of("id"), List.of(), List.of(), true, true));
        put(tables, new Table(new TableName("shop", "Regions"), List.of(text("code")), List.of("code"), List.of(), List.of(), true, true));
        put(tables, new Table(new TableName("shop", "regions"), List.of(text("code")), List.of("code"), List.of(), List.of(), true, true));
        put(tables, new Table(new TableName("shop", "events"),
                List.of(new Column("id", "uuid", Types.OTHER, false, null), new Column("ref", "uuid", Types.OTHER, true, null),
                        new Column("ref_json", "jsonb", Types.OTHER, true, null)),
                List.of("id"), List.of(), List.of(), true, true));
        return new Catalog("test", "1", tables, List.of(), Instant.EPOCH);
    }

    private static void put(LinkedHashMap<TableName, Table> tables, Table table) {
        tables.put(table.name(), table);
    }
}
