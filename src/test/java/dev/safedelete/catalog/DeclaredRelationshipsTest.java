package dev.safedelete.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per kind of error a declaration can have, and the relationship a valid one becomes. */
class DeclaredRelationshipsTest {

    final Catalog catalog = CatalogFixtures.shop();

    static DeclaredRelationship declared(String child, List<String> childColumns, String parent, List<String> parentColumns) {
        return new DeclaredRelationship("orders_customer", child, childColumns, parent, parentColumns, Rule.CASCADE, null);
    }

    private List<String> errors(DeclaredRelationship declaration) {
        var resolution = DeclaredRelationships.resolve(catalog, List.of(declaration));
        assertEquals(List.of(), resolution.relationships());
        return resolution.errors();
    }

    @Test
    void aValidDeclarationBecomesADeclaredRelationship() {
        var resolution = DeclaredRelationships.resolve(catalog,
                List.of(declared("shop.orders", List.of("customer_ref"), "customers", List.of("ID"))));

        assertTrue(resolution.valid());
        assertEquals(List.of(new Relationship("shop.orders.orders_customer", "orders_customer",
                new TableName("shop", "orders"), List.of("customer_ref"), new TableName("shop", "customers"), List.of("id"),
                Rule.CASCADE, Rule.NO_ACTION, List.of(), false, false, true, Relationship.Source.DECLARED)),
                resolution.relationships());
    }

    @Test
    void aUniqueKeyMayBeReferencedAndIntegerWidthsMayDiffer() {
        var resolution = DeclaredRelationships.resolve(catalog, List.of(
                declared("shop.orders", List.of("customer_email"), "shop.customers", List.of("email")),
                new DeclaredRelationship("big", "shop.orders", List.of("customer_big"), "shop.customers", List.of("id"), Rule.RESTRICT, Rule.RESTRICT)));

        assertEquals(List.of(), resolution.errors());
        assertEquals(2, resolution.relationships().size());
        assertEquals(false, resolution.relationships().get(0).indexed());
    }

    @Test
    void unknownTable() {
        assertEquals(List.of("declared relationship 'orders_customer': unknown parent table 'shop.clients'"),
                errors(declared("shop.orders", List.of("customer_ref"), "shop.clients", List.of("id"))));
    }

    @Test
    void ambiguousBareTableNameNamesTheCandidates() {
        assertEquals(List.of("declared relationship 'orders_customer': child table 'orders' is ambiguous: it may be any of sales.orders, shop.orders"),
                errors(declared("orders", List.of("customer_ref"), "shop.customers", List.of("id"))));
    }

    @Test
    void unknownColumn() {
        assertEquals(List.of("declared relationship 'orders_customer': unknown column 'customer' in shop.orders"),
                errors(declared("shop.orders", List.of("customer"), "shop.customers", List.of("id"))));
    }

    @Test
    void columnCountsDiffer() {
        assertEquals(List.of("declared relationship 'orders_customer': column counts differ: 2 child column(s) [customer_ref, region] for 1 parent column(s) [id]"),
                errors(declared("shop.orders", List.of("customer_ref", "region"), "shop.customers", List.of("id"))));
    }

    @Test
    void mismatchedTypes() {
        assertEquals(List.of("declared relationship 'orders_customer': mismatched types: shop.orders.region is varchar(40) but shop.customers.id is integer"),
                errors(declared("shop.orders", List.of("region"), "shop.customers", List.of("id"))));
    }

    @Test
    void typesTheJdbcCodeCannotTellApartMustHaveTheSameName() {
        assertEquals(List.of("declared relationship 'orders_customer': mismatched types: shop.events.ref_json is jsonb but shop.events.id is uuid"),
                errors(declared("shop.events", List.of("ref_json"), "shop.events", List.of("id"))));
        assertTrue(DeclaredRelationships.resolve(catalog, List.of(declared("shop.events", List.of("ref"), "shop.events", List.of("id")))).valid());
    }

    @Test
    void parentColumnsThatAreNoKey() {
        assertEquals(List.of("declared relationship 'orders_customer': parent columns [tenant] of shop.customers are not its primary key or a unique key"),
                errors(declared("shop.orders", List.of("customer_ref"), "shop.customers", List.of("tenant"))));
    }

    @Test
    void anIdAlreadyTaken() {
        var twice = declared("shop.orders", List.of("customer_ref"), "shop.customers", List.of("id"));
        var resolution = DeclaredRelationships.resolve(catalog, List.of(twice, twice));

        assertEquals(1, resolution.relationships().size());
        assertEquals(List.of("declared relationship 'orders_customer': its id shop.orders.orders_customer is already taken by another relationship"),
                resolution.errors());
    }
}
