package dev.safedelete.demo;

import dev.safedelete.catalog.DeclaredRelationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo shop is seeded at start-up, exercises every rule, and keeps Flyway's history out of sight. */
@QuarkusTest
class DemoSeedTest {

    @Inject
    TargetRegistry registry;

    @Test
    void everyTableIsSeededWithTheGeneratedRows() throws SQLException {
        var expected = new LinkedHashMap<String, Integer>();
        expected.put("employees", 15);
        expected.put("customers", 60);
        expected.put("addresses", 80);
        expected.put("categories", 24);
        expected.put("products", 44);
        expected.put("product_categories", 91);
        expected.put("orders", 123);
        expected.put("order_items", 305);
        expected.put("payments", 98);
        expected.put("invoices", 41);
        expected.put("shipments", 105);
        expected.put("shipment_items", 209);
        expected.put("activity_log", 244);
        var actual = new LinkedHashMap<String, Integer>();
        for (String table : expected.keySet()) {
            actual.put(table, count("SELECT count(*) FROM public." + table));
        }
        assertEquals(expected, actual);
    }

    @Test
    void theVisibleSchemaHoldsOnlyTheShopAndFlywayHistoryIsElsewhere() throws SQLException {
        Set<String> publicTables = strings(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        assertEquals(new TreeSet<>(List.of("activity_log", "addresses", "categories", "customers", "employees",
                "invoices", "order_items", "orders", "payments", "product_categories", "products",
                "shipment_items", "shipments")), publicTables);
        assertEquals(Set.of("flyway_schema_history"),
                strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'seed'"));
    }

    @Test
    void everyReferentialRuleIsUsedAndConstraintsHaveReadableNames() throws SQLException {
        Map<String, String> deleteRules = new LinkedHashMap<>();
        try (Connection c = demo().connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT constraint_name, delete_rule FROM information_schema.referential_constraints "
                        + "WHERE constraint_schema = 'public'")) {
            while (rs.next()) {
                deleteRules.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(Set.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"),
                Set.copyOf(deleteRules.values()), deleteRules.toString());
        assertEquals("CASCADE", deleteRules.get("orders_customer_id_fkey"));
        assertEquals("CASCADE", deleteRules.get("order_items_order_id_fkey"));
        assertEquals("CASCADE", deleteRules.get("shipment_items_order_item_fkey"));
        assertEquals("SET DEFAULT", deleteRules.get("products_category_id_fkey"));
        assertEquals("NO ACTION", deleteRules.get("invoices_order_number_fkey"));
        assertEquals("RESTRICT", deleteRules.get("employees_manager_id_fkey"));
    }

    @Test
    void setDefaultFallsBackToARowThatExists() throws SQLException {
        assertEquals(1, count("SELECT count(*) FROM public.categories WHERE id = 1"));
    }

    @Test
    void customer1001CanBeDeletedAndCustomer1002IsHeldByAnInvoice() throws SQLException {
        assertEquals(0, count("SELECT count(*) FROM public.invoices i JOIN public.orders o "
                + "ON o.order_number = i.order_number WHERE o.customer_id = 1001"));
        assertTrue(count("SELECT count(*) FROM public.shipment_items si JOIN public.orders o ON o.id = si.order_id "
                + "WHERE o.customer_id = 1001") > 0, "1001's delete reaches shipment_items, four levels down");
        assertTrue(count("SELECT count(*) FROM public.invoices i JOIN public.orders o "
                + "ON o.order_number = i.order_number WHERE o.customer_id = 1002") > 0);
    }

    @Test
    void activityLogIsRelatedToCustomersOnlyByTheDeclaredRelationship() throws SQLException {
        assertEquals(0, count("SELECT count(*) FROM information_schema.table_constraints "
                + "WHERE table_name = 'activity_log' AND constraint_type = 'FOREIGN KEY'"));
        assertEquals(List.of(new DeclaredRelationship("activity_log_customer_id_fkey", "public.activity_log",
                        List.of("customer_id"), "public.customers", List.of("id"), Rule.CASCADE, Rule.NO_ACTION)),
                demo().declaredRelationships());
        assertEquals(List.of("public"), demo().schemas());
    }

    private Target demo() {
        return registry.find(TargetRegistry.DEMO).orElseThrow();
    }

    private int count(String sql) throws SQLException {
        try (Connection c = demo().connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Set<String> strings(String sql) throws SQLException {
        var values = new ArrayList<String>();
        try (Connection c = demo().connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return new TreeSet<>(values);
    }
}
