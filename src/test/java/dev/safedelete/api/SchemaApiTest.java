package dev.safedelete.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema API on the demo shop: its tables and relationships as api.md shapes them, the dependents tree of a
 * table, the relationship graph in both formats, and the problems a caller can cause.
 */
@QuarkusTest
class SchemaApiTest {

    private static final String DEMO = "/api/v1/targets/demo";

    // --- GET /schema ---------------------------------------------------------------------------------------------

    @Test
    void schemaListsEveryDemoTableQualified() {
        given().when().get(DEMO + "/schema")
                .then().statusCode(200)
                .contentType("application/json")
                .body("target", equalTo("demo"))
                .body("product", equalTo("H2"))
                .body("loadedAt", notNullValue())
                .body("tables.name", equalTo(List.of("public.activity_log", "public.addresses", "public.categories",
                        "public.customers", "public.employees", "public.invoices", "public.order_items",
                        "public.orders", "public.payments", "public.product_categories", "public.products",
                        "public.shipment_items", "public.shipments")))
                .body("declarationErrors", empty());
    }

    @Test
    void aTableHasItsKeysColumnsAndRights() {
        JsonPath customers = table("public.customers");
        assertEquals(List.of("id"), customers.getList("primaryKey"));
        assertEquals(List.of(List.of("email")), customers.getList("uniqueKeys"));
        assertEquals(List.of("id", "email", "first_name", "last_name", "phone", "account_manager_id", "created_at"),
                customers.getList("columns.name"));
        assertEquals(Map.of("name", "email", "type", "character varying(120)", "nullable", false),
                withoutDefault(customers.getMap("columns.find { it.name == 'email' }")));
        assertTrue(customers.getMap("columns.find { it.name == 'email' }").containsKey("default"),
                "a column without default says default: null, it does not leave the field out");
        assertEquals(true, customers.getBoolean("columns.find { it.name == 'phone' }.nullable"));
        assertEquals(true, customers.getBoolean("canDelete"));
        assertEquals(true, customers.getBoolean("canUpdate"));
        assertEquals(List.of(), customers.getList("triggers"));
    }

    @Test
    void aColumnDefaultIsItsSqlExpression() {
        assertEquals("1", table("public.products").getString("columns.find { it.name == 'category_id' }.default"));
    }

    @Test
    void compositePrimaryKeyIsInKeyOrder() {
        assertEquals(List.of("order_id", "line_no"), table("public.order_items").getList("primaryKey"));
        assertEquals(List.of("shipment_id", "order_id", "line_no"), table("public.shipment_items").getList("primaryKey"));
    }

    @Test
    void everyRuleAppearsAmongTheDemoRelationships() {
        var rules = schema().getList("relationships.onDelete", String.class);
        assertEquals(Set.of("CASCADE", "SET_NULL", "SET_DEFAULT", "RESTRICT", "NO_ACTION"), Set.copyOf(rules));
        assertEquals(17, rules.size());
    }

    @Test
    void aRelationshipHasTheContractShape() {
        given().when().get(DEMO + "/schema")
                .then().statusCode(200)
                .body("relationships.find { it.id == 'public.orders.orders_customer_id_fkey' }", equalTo(Map.ofEntries(
                        Map.entry("id", "public.orders.orders_customer_id_fkey"),
                        Map.entry("constraintName", "orders_customer_id_fkey"),
                        Map.entry("childTable", "public.orders"),
                        Map.entry("childColumns", List.of("customer_id")),
                        Map.entry("parentTable", "public.customers"),
                        Map.entry("parentColumns", List.of("id")),
                        Map.entry("onDelete", "CASCADE"),
                        Map.entry("onUpdate", "NO_ACTION"),
                        Map.entry("source", "DATABASE"),
                        Map.entry("setNullColumns", List.of()),
                        Map.entry("match", "SIMPLE"),
                        Map.entry("deferrable", false),
                        Map.entry("initiallyDeferred", false),
                        Map.entry("indexed", true))));
    }

    @Test
    void theDeclaredRelationshipIsTheOnlyOneWithSourceDeclared() {
        given().when().get(DEMO + "/schema")
                .then().statusCode(200)
                .body("relationships.findAll { it.source == 'DECLARED' }.id",
                        equalTo(List.of("public.activity_log.activity_log_customer_id_fkey")))
                .body("relationships.find { it.source == 'DECLARED' }.childTable", equalTo("public.activity_log"))
                .body("relationships.find { it.source == 'DECLARED' }.parentTable", equalTo("public.customers"))
                .body("relationships.find { it.source == 'DECLARED' }.onDelete", equalTo("CASCADE"))
                .body("relationships.findAll { it.source != 'DECLARED' }.source", everyItem(equalTo("DATABASE")));
    }

    @Test
    void aCompositeForeignKeyPairsItsColumnsInOrder() {
        given().when().get(DEMO + "/schema")
                .then().statusCode(200)
                .body("relationships.find { it.id == 'public.shipment_items.shipment_items_order_item_fkey' }.childColumns",
                        equalTo(List.of("order_id", "line_no")))
                .body("relationships.find { it.id == 'public.shipment_items.shipment_items_order_item_fkey' }.parentColumns",
                        equalTo(List.of("order_id", "line_no")))
                .body("relationships.find { it.id == 'public.shipment_items.shipment_items_order_item_fkey' }.parentTable",
                        equalTo("public.order_items"));
    }

    @Test
    void aForeignKeyMayReferenceAUniqueColumnThatIsNotThePrimaryKey() {
        JsonPath schema = schema();
        assertEquals(List.of("order_number"),
                schema.getList("relationships.find { it.id == 'public.invoices.invoices_order_number_fkey' }.parentColumns"));
        assertEquals("NO_ACTION",
                schema.getString("relationships.find { it.id == 'public.invoices.invoices_order_number_fkey' }.onDelete"));
        assertEquals(List.of("id"), schema.getList("tables.find { it.name == 'public.orders' }.primaryKey"));
        assertTrue(schema.getList("tables.find { it.name == 'public.orders' }.uniqueKeys").contains(List.of("order_number")));
    }

    @Test
    void unknownTargetIsA404Problem() {
        for (var request : List.of("/schema", "/tables/customers/dependents", "/graph")) {
            given().when().get("/api/v1/targets/shop" + request)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://safedelete.dev/problems/target-not-found"))
                    .body("target", equalTo("shop"));
        }
        given().when().post("/api/v1/targets/shop/schema/refresh")
                .then().statusCode(404)
                .body("type", equalTo("https://safedelete.dev/problems/target-not-found"));
    }

    // --- POST /schema/refresh ------------------------------------------------------------------------------------

    @Test
    void refreshAnswersTheSchemaJustLoaded() {
        String before = schema().getString("loadedAt");
        JsonPath refreshed = given().when().post(DEMO + "/schema/refresh")
                .then().statusCode(200)
                .contentType("application/json")
                .body("target", equalTo("demo"))
                .body("tables", hasSize(13))
                .body("relationships", hasSize(17))
                .body("declarationErrors", empty())
                .extract().jsonPath();
        assertTrue(refreshed.getString("loadedAt").compareTo(before) >= 0);
        assertEquals(refreshed.getString("loadedAt"), schema().getString("loadedAt"), "GET answers the refreshed catalog");
    }

    // --- GET /tables/{table}/dependents --------------------------------------------------------------------------

    @Test
    void dependentsOfCustomersFollowCascadesThreeLevelsDeep() {
        JsonPath tree = dependents("public.customers");
        assertEquals("public.customers", tree.getString("table"));
        assertEquals("DELETE", tree.getString("action"));
        assertEquals(false, tree.getBoolean("truncated"));
        assertEquals(List.of("public.activity_log.activity_log_customer_id_fkey",
                        "public.addresses.addresses_customer_id_fkey", "public.orders.orders_customer_id_fkey"),
                tree.getList("children.relationship"));

        String orders = "children.find { it.table == 'public.orders' }";
        assertEquals("CASCADE", tree.getString(orders + ".rule"));
        assertEquals("DELETE", tree.getString(orders + ".action"));
        assertEquals(List.of("customer_id"), tree.getList(orders + ".columns"));
        assertEquals(Set.of("public.invoices", "public.order_items", "public.payments", "public.shipments"),
                Set.copyOf(tree.getList(orders + ".children.table")));

        String orderItems = orders + ".children.find { it.table == 'public.order_items' }";
        String shipmentItems = orderItems + ".children.find { it.table == 'public.shipment_items' }";
        assertEquals("public.shipment_items.shipment_items_order_item_fkey", tree.getString(shipmentItems + ".relationship"));
        assertEquals(List.of("order_id", "line_no"), tree.getList(shipmentItems + ".columns"));
        assertEquals("DELETE", tree.getString(shipmentItems + ".action"));
        assertEquals(List.of(), tree.getList(shipmentItems + ".children"), "depth 3: nothing references shipment_items");
    }

    @Test
    void nonCascadeRulesAreLeavesSayingWhatTheyDo() {
        JsonPath tree = dependents("customers");
        String invoices = "children.find { it.table == 'public.orders' }.children.find { it.table == 'public.invoices' }";
        assertEquals("NO_ACTION", tree.getString(invoices + ".rule"));
        assertEquals("BLOCK", tree.getString(invoices + ".action"));
        assertEquals(List.of(), tree.getList(invoices + ".children"));

        String shippingAddress = "children.find { it.table == 'public.addresses' }.children"
                + ".find { it.relationship == 'public.orders.orders_shipping_address_id_fkey' }";
        assertEquals("SET_NULL", tree.getString(shippingAddress + ".action"));
        assertEquals(List.of(), tree.getList(shippingAddress + ".children"));
        assertEquals(false, tree.getBoolean(shippingAddress + ".cycle"));

        JsonPath categories = dependents("public.categories");
        assertEquals("SET_DEFAULT", categories.getString("children.find { it.table == 'public.products' }.action"));
    }

    @Test
    void aDeclaredRelationshipIsFollowedLikeARealOne() {
        JsonPath tree = dependents("public.customers");
        String log = "children.find { it.table == 'public.activity_log' }";
        assertEquals("DECLARED", tree.getString(log + ".source"));
        assertEquals("DELETE", tree.getString(log + ".action"));
        assertEquals("DATABASE", tree.getString("children.find { it.table == 'public.orders' }.source"));
    }

    @Test
    void selfReferencesAreMarkedAndNotExpanded() {
        JsonPath categories = dependents("public.categories");
        String tree = "children.find { it.relationship == 'public.categories.categories_parent_id_fkey' }";
        assertEquals("public.categories", categories.getString(tree + ".table"));
        assertEquals("DELETE", categories.getString(tree + ".action"));
        assertEquals(true, categories.getBoolean(tree + ".selfReference"));
        assertEquals(true, categories.getBoolean(tree + ".cycle"));
        assertEquals(List.of(), categories.getList(tree + ".children"));
        assertEquals(false, categories.getBoolean("children.find { it.table == 'public.products' }.selfReference"));

        JsonPath employees = dependents("public.employees");
        String managers = "children.find { it.relationship == 'public.employees.employees_manager_id_fkey' }";
        assertEquals("RESTRICT", employees.getString(managers + ".rule"));
        assertEquals("BLOCK", employees.getString(managers + ".action"));
        assertEquals(true, employees.getBoolean(managers + ".selfReference"));
        assertEquals(true, employees.getBoolean(managers + ".cycle"));
        assertEquals("SET_NULL", employees.getString("children.find { it.table == 'public.customers' }.action"));
    }

    @Test
    void aBareNameFindsItsTableAndTheAnswerIsQualified() {
        given().when().get(DEMO + "/tables/{table}/dependents", "employees")
                .then().statusCode(200)
                .body("table", equalTo("public.employees"));
        given().when().get(DEMO + "/tables/{table}/dependents", "EMPLOYEES")
                .then().statusCode(200)
                .body("table", equalTo("public.employees"));
    }

    @Test
    void aTableNothingReferencesHasNoChildren() {
        given().when().get(DEMO + "/tables/{table}/dependents", "public.shipment_items")
                .then().statusCode(200)
                .body("table", equalTo("public.shipment_items"))
                .body("children", empty());
    }

    @Test
    void unknownTableIsA404Problem() {
        given().when().get(DEMO + "/tables/{table}/dependents", "public.nope")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/table-not-found"))
                .body("title", equalTo("Table not found"))
                .body("detail", equalTo("Target 'demo' has no table 'public.nope'"))
                .body("target", equalTo("demo"))
                .body("table", equalTo("public.nope"));
    }

    // --- GET /graph ----------------------------------------------------------------------------------------------

    @Test
    void mermaidIsTheDefaultAndDrawsEveryRelationshipWithItsRule() {
        String mermaid = given().when().get(DEMO + "/graph")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(startsWith("flowchart LR\n"))
                .extract().asString();
        var drawn = GraphText.parseMermaid(mermaid);
        assertEquals(Set.copyOf(schema().getList("tables.name", String.class)), Set.copyOf(drawn.nodes().values()),
                "every table is a node");
        assertEquals(expectedEdges(schema()), drawn.edges());
        assertEquals(mermaid, given().when().get(DEMO + "/graph?format=mermaid").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void dotDrawsEveryRelationshipWithItsRule() {
        String dot = given().when().get(DEMO + "/graph?format=dot")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(startsWith("digraph schema {\n"))
                .body(containsString("node [shape=box];"))
                .extract().asString();
        var drawn = GraphText.parseDot(dot);
        assertEquals(Set.copyOf(schema().getList("tables.name", String.class)), Set.copyOf(drawn.nodes().values()));
        assertEquals(expectedEdges(schema()), drawn.edges());
        assertTrue(dot.strip().endsWith("}"));
    }

    @Test
    void unknownGraphFormatIsA400ProblemNamingTheParameter() {
        given().when().get(DEMO + "/graph?format=svg")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/invalid-parameter"))
                .body("parameter", equalTo("format"))
                .body("value", equalTo("svg"))
                .body("allowed", equalTo(List.of("mermaid", "dot")))
                .body("detail", containsString("'format'"));
    }

    @Test
    void graphFormatIgnoresCase() {
        given().when().get(DEMO + "/graph?format=DOT")
                .then().statusCode(200)
                .body(startsWith("digraph"));
    }

    // --- OpenAPI examples -----------------------------------------------------------------------------------------

    @Test
    void theOpenApiExamplesAreWhatTheDemoAnswers() throws Exception {
        var json = new ObjectMapper();
        assertEquals(json.readTree(SchemaExamples.DEMO_DEPENDENTS),
                json.readTree(given().when().get(DEMO + "/tables/public.employees/dependents").asString()));
        assertEquals(SchemaExamples.DEMO_MERMAID, given().when().get(DEMO + "/graph").asString());
        assertEquals(SchemaExamples.DEMO_DOT, given().when().get(DEMO + "/graph?format=dot").asString());

        JsonNode example = json.readTree(SchemaExamples.DEMO_SCHEMA);
        JsonNode served = json.readTree(given().when().get(DEMO + "/schema").asString());
        var servedTables = new java.util.ArrayList<JsonNode>();
        served.get("tables").forEach(servedTables::add);
        var servedRelationships = new java.util.ArrayList<JsonNode>();
        served.get("relationships").forEach(servedRelationships::add);
        example.get("tables").forEach(t -> assertTrue(servedTables.contains(t), "served: " + t));
        example.get("relationships").forEach(r -> assertTrue(servedRelationships.contains(r), "served: " + r));
        var fieldsOf = (java.util.function.Function<JsonNode, List<String>>) n -> {
            var names = new java.util.ArrayList<String>();
            n.fieldNames().forEachRemaining(names::add);
            return names;
        };
        assertEquals(fieldsOf.apply(served), fieldsOf.apply(example), "the abridged example has every field");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static JsonPath schema() {
        return given().when().get(DEMO + "/schema").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath table(String name) {
        return schema().setRootPath("tables.find { it.name == '" + name + "' }");
    }

    private static JsonPath dependents(String table) {
        return given().when().get(DEMO + "/tables/{table}/dependents", table)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> withoutDefault(Map<String, Object> column) {
        assertEquals(null, column.get("default"));
        return column.entrySet().stream().filter(e -> !e.getKey().equals("default"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Each relationship as the edge the graph must draw: parent, child, rule, dashed when declared. */
    static Map<GraphText.Edge, Long> expectedEdges(JsonPath schema) {
        List<Map<String, Object>> relationships = schema.getList("relationships");
        return relationships.stream().map(r -> new GraphText.Edge((String) r.get("parentTable"),
                        (String) r.get("childTable"), (String) r.get("onDelete"), "DECLARED".equals(r.get("source"))))
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
    }
}
