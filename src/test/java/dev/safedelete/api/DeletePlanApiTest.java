package dev.safedelete.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delete-plan contract of api.md on the demo shop, through HTTP: the preview, its rows and its script, and a clear
 * 4xx problem naming the field for every kind of bad request. Nothing here executes a plan (the demo stays as seeded).
 */
@QuarkusTest
class DeletePlanApiTest {

    static JsonPath plan(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/targets/demo/delete-plans")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/delete-plans/"))
                .extract().jsonPath();
    }

    @Test
    void aCustomerWithOrdersIsReadyAndEveryCountAddsUp() {
        JsonPath p = plan("{\"table\": \"public.customers\", \"keys\": [{\"id\": 1001}]}");
        assertEquals("READY", p.getString("status"));
        assertEquals("public.customers", p.getString("table"));
        assertEquals(1001, p.getInt("keys[0].id"));
        assertTrue(p.getString("confirmationToken").length() >= 32);
        List<Map<String, Object>> tables = p.getList("tables");
        long deleted = tables.stream().filter(t -> t.get("action").equals("DELETE"))
                .mapToLong(t -> ((Number) t.get("rows")).longValue()).sum();
        assertEquals(deleted, p.getLong("summary.DELETE.rows"));
        assertTrue(deleted > 10, "customer 1001's orders, items, payments and shipments go with it");
        assertTrue(tables.stream().anyMatch(t -> t.get("table").equals("public.activity_log")),
                "the declared relationship reaches the activity log");
        // children first: every step's table is deleted before the tables it references
        List<String> order = p.getList("steps.table");
        assertTrue(order.indexOf("public.order_items") < order.indexOf("public.orders"));
        assertTrue(order.indexOf("public.orders") < order.indexOf("public.customers"));
        assertEquals("public.customers", p.getString("tree.table"));
        assertTrue(p.getList("tree.children").size() > 0);
    }

    @Test
    void aCustomerWithAnInvoiceIsBlockedAndTheBlockerIsListed() {
        JsonPath p = plan("{\"table\": \"customers\", \"keys\": [{\"id\": 1002}], \"sampleSize\": 2}");
        assertEquals("BLOCKED", p.getString("status"));
        assertTrue(p.getList("blockers.reason").contains("NO_ACTION"), p.prettify());
        assertTrue(p.getInt("summary.BLOCK.rows") > 0);
        assertTrue(p.getList("blockers[0].sample").size() <= 2);
    }

    @Test
    void cascadeAllDeletesWhatRulesWouldProtectAndSaysSo() {
        JsonPath p = plan("{\"table\": \"customers\", \"keys\": [{\"id\": 1002}], \"mode\": \"CASCADE_ALL\"}");
        assertEquals("READY", p.getString("status"), p.prettify());
        assertTrue(p.getList("warnings").toString().contains("CASCADE_ALL"));
    }

    @Test
    void anOverrideChangesOneRelationshipsRule() {
        JsonPath p = plan("{\"table\": \"customers\", \"keys\": [{\"id\": 1001}], "
                + "\"overrides\": {\"public.orders.orders_customer_id_fkey\": \"RESTRICT\"}}");
        assertEquals("BLOCKED", p.getString("status"));
        assertTrue(p.getList("blockers.relationship").contains("public.orders.orders_customer_id_fkey"));
    }

    @Test
    void thePlanCanBeReadBackRowsPagedAndItsScriptShown() {
        JsonPath p = plan("{\"table\": \"public.customers\", \"keys\": [{\"id\": 1001}]}");
        String id = p.getString("id");
        given().when().get("/api/v1/delete-plans/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("READY"))
                .body("confirmationToken", equalTo(p.getString("confirmationToken")));

        long total = p.getLong("summary.DELETE.rows") + p.getLong("summary.SET_NULL.rows")
                + p.getLong("summary.SET_DEFAULT.rows") + p.getLong("summary.BLOCK.rows");
        var seen = new ArrayList<Map<String, Object>>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/delete-plans/" + id + "/rows").then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(total, seen.size(), "every affected row, each once");
        assertEquals(seen.size(), new java.util.HashSet<>(seen).size());

        given().queryParam("table", "orders").queryParam("action", "DELETE")
                .when().get("/api/v1/delete-plans/" + id + "/rows").then().statusCode(200)
                .body("items.table", org.hamcrest.Matchers.everyItem(equalTo("public.orders")))
                .body("items.size()", greaterThan(0));

        given().when().get("/api/v1/delete-plans/" + id + "/script").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("BEGIN;"))
                .body(containsString("DELETE FROM \"public\".\"customers\" WHERE \"id\" IN (1001);"))
                .body(containsString("COMMIT;"));
    }

    @Test
    void theScriptSetsDefaultsBeforeItDeletes() {
        JsonPath p = plan("{\"table\": \"categories\", \"keys\": [{\"id\": 4}], \"mode\": \"CASCADE_ALL\"}");
        assertTrue(p.getLong("summary.SET_DEFAULT.rows") > 0, p.prettify());
        String script = given().when().get("/api/v1/delete-plans/" + p.getString("id") + "/script")
                .then().statusCode(200).extract().asString();
        int update = script.indexOf("UPDATE \"public\".\"products\" SET \"category_id\" = DEFAULT WHERE \"id\" IN (");
        int delete = script.indexOf("DELETE FROM \"public\".\"categories\" WHERE");
        assertTrue(update > 0 && delete > update, script);
    }

    @Test
    void aWrongConfirmationTokenIsRefusedAndABlockedPlanIsNotExecuted() {
        String ready = plan("{\"table\": \"customers\", \"keys\": [{\"id\": 1001}]}").getString("id");
        problem(given().contentType(ContentType.JSON).body("{\"confirmationToken\": \"nope\"}")
                .post("/api/v1/delete-plans/" + ready + "/execution"), 400, "confirmation-token-mismatch", "confirmationToken");
        problem(given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/delete-plans/" + ready + "/execution"), 400, "confirmation-token-missing", "confirmationToken");
        JsonPath blocked = plan("{\"table\": \"customers\", \"keys\": [{\"id\": 1002}]}");
        given().contentType(ContentType.JSON)
                .body(Map.of("confirmationToken", blocked.getString("confirmationToken")))
                .when().post("/api/v1/delete-plans/" + blocked.getString("id") + "/execution")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/plan-blocked"));
    }

    @Test
    void badRequestsGetAProblemNamingTheField() {
        problem(post("demo", "{\"table\": \"nope\", \"keys\": [{\"id\": 1}]}"), 404, "table-not-found", "table");
        problem(post("nowhere", "{\"table\": \"customers\", \"keys\": [{\"id\": 1}]}"), 404, "target-not-found", null);
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"nope\": 1, \"id\": 1001}]}"), 400, "invalid-key", "keys[0].nope");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{}]}"), 400, "invalid-key", "keys[0].id");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": \"abc\"}]}"), 400, "invalid-key", "keys[0].id");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1.5}]}"), 400, "invalid-key", "keys[0].id");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 99999999999999999999}]}"), 400, "invalid-key", "keys[0].id");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": {\"a\": 1}}]}"), 400, "invalid-key", "keys[0].id");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}, {\"id\": 424242}]}"), 404, "rows-not-found", "keys")
                .body("missingKeys[0].id", equalTo(424242));
        problem(post("demo", "{\"table\": \"customers\", \"keys\": []}"), 400, null, null);
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}], \"mode\": \"DELETE_EVERYTHING\"}"), 400, null, null);
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}], \"overrides\": {\"public.x.y\": \"CASCADE\"}}"),
                400, "unknown-relationship", "overrides.public.x.y");
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}], "
                + "\"overrides\": {\"public.orders.orders_customer_id_fkey\": \"EXPLODE\"}}"), 400, null, null);
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}], \"sampleSize\": 1000}"), 400, null, null);
        problem(post("demo", "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}], \"surprise\": true}"), 400, null, null);
        var many = new StringBuilder("{\"table\": \"customers\", \"keys\": [");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append('}');
        }
        problem(post("demo", many.append("]}").toString()), 400, "too-many-keys", "keys");
        problem(given().when().get("/api/v1/delete-plans/" + java.util.UUID.randomUUID()), 404, "plan-not-found", null);
        given().when().get("/api/v1/delete-plans/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        problem(given().queryParam("limit", 0).when().get("/api/v1/executions"), 400, "invalid-limit", "limit");
        problem(given().queryParam("cursor", "%%%").when().get("/api/v1/executions"), 400, "invalid-cursor", "cursor");
    }

    static io.restassured.response.Response post(String target, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/targets/" + target + "/delete-plans");
    }

    static io.restassured.response.ValidatableResponse problem(io.restassured.response.Response r, int status,
                                                                String slug, String field) {
        var v = r.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", notNullValue());
        if (slug != null) {
            v.body("type", endsWith("/" + slug));
        }
        if (field != null) {
            v.body("detail", containsString(field));
        }
        return v;
    }
}
