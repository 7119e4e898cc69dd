package dev.safedelete.execute;

import dev.safedelete.store.PlanStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Execution through HTTP on real PostgreSQL and MariaDB: exactly the previewed plan or nothing. Every failure is
 * injected for real (another connection holding a lock or killing the backend, a trigger that raises or sleeps) and
 * the data is then proven exactly as before.
 */
@QuarkusTest
@TestProfile(ExecutionTargets.Profile.class)
class ExecutionApiTest {

    static final List<String> TABLES = List.of("customers", "orders", "items", "reviews", "audited", "slow",
            "employees", "staff", "ring_a", "ring_b");

    @Inject
    PlanStore store;

    static Connection connect(String target) throws SQLException {
        return (target.equals("maria") ? ExecutionTargets.mariaDb : ExecutionTargets.postgres).connect();
    }

    /** Every row of every table, in key order: equal text means equal data. */
    static String data(String target) throws SQLException {
        var out = new StringBuilder();
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t + " ORDER BY 1")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        out.append(t);
                        for (int i = 1; i <= n; i++) {
                            out.append('|').append(rs.getString(i));
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    static void sql(String target, String statement) throws SQLException {
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static JsonPath plan(String target, String table, int id) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("table", table, "keys", List.of(Map.of("id", id))))
                .when().post("/api/v1/targets/" + target + "/delete-plans")
                .then().statusCode(201).extract().jsonPath();
    }

    static Response execute(JsonPath plan) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("confirmationToken", plan.getString("confirmationToken")))
                .when().post("/api/v1/delete-plans/" + plan.getString("id") + "/execution");
    }

    static long count(String target, String sql) throws SQLException {
        try (Connection c = connect(target); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aConfirmedPlanIsExecutedExactlyAndRecorded(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 1);
        assertEquals("READY", plan.getString("status"));
        JsonPath done = execute(plan).then().statusCode(200).body("status", equalTo("COMMITTED"))
                .body("planId", equalTo(plan.getString("id"))).extract().jsonPath();
        assertEquals(0, count(target, "SELECT COUNT(*) FROM customers WHERE id = 1"));
        assertEquals(0, count(target, "SELECT COUNT(*) FROM orders WHERE customer_id = 1"));
        assertEquals(0, count(target, "SELECT COUNT(*) FROM items WHERE order_id IN (10, 11)"));
        assertEquals(1, count(target, "SELECT COUNT(*) FROM reviews WHERE id = 1 AND customer_id IS NULL"));
        assertEquals(plan.getList("tables").size(), done.getList("tables").size());

        given().when().get("/api/v1/executions/" + done.getString("id")).then().statusCode(200)
                .body("status", equalTo("COMMITTED")).body("target", equalTo(target))
                .body("table", endsWith("customers"));
        given().queryParam("target", target).when().get("/api/v1/executions").then().statusCode(200)
                .body("items.id", hasItem(done.getString("id")));
        given().when().get("/api/v1/delete-plans/" + plan.getString("id")).then().body("status", equalTo("EXECUTED"));
        // at most once
        execute(plan).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/plan-already-executed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aRowJoiningTheAffectedSetIsDriftAndNothingChanges(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 5);
        sql(target, "INSERT INTO orders VALUES (5000 + " + (target.equals("pg") ? 1 : 2) + ", 5)");
        String before = data(target);
        execute(plan).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/plan-drift"))
                .body("rolledBack", equalTo(true))
                .body("differences.find { it.table.endsWith('orders') && it.action == 'DELETE' }.plannedRows", equalTo(2))
                .body("differences.find { it.table.endsWith('orders') && it.action == 'DELETE' }.currentRows", equalTo(3));
        assertEquals(before, data(target));
        given().when().get("/api/v1/delete-plans/" + plan.getString("id")).then().body("status", equalTo("FAILED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aRowLeavingTheAffectedSetIsDriftAndNothingChanges(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 6);
        sql(target, "DELETE FROM items WHERE id = 600");
        String before = data(target);
        execute(plan).then().statusCode(409).body("type", endsWith("/plan-drift"))
                .body("differences.find { it.table.endsWith('items') }.currentRows", equalTo(3));
        assertEquals(before, data(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aChangeToAColumnNoRelationshipUsesIsNotDrift(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 7);
        sql(target, "UPDATE customers SET note = 'changed after the preview' WHERE id = 7");
        sql(target, "UPDATE orders SET id = id WHERE customer_id = 7");
        execute(plan).then().statusCode(200).body("status", equalTo("COMMITTED"));
        assertEquals(0, count(target, "SELECT COUNT(*) FROM customers WHERE id = 7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void rowsLockedByAnotherTransactionAnswer423AndNothingChanges(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 8);
        String before = data(target);
        try (Connection holder = connect(target); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.executeQuery("SELECT * FROM items WHERE id = 800 FOR UPDATE").close();
            execute(plan).then().statusCode(423).contentType("application/problem+json")
                    .body("type", endsWith("/rows-locked")).body("rolledBack", equalTo(true));
            holder.rollback();
        }
        assertEquals(before, data(target));
        // a lock passes: the same confirmation works once the rows are free
        execute(plan).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aTriggerRaisingPartWayRollsBackWithTheDatabasesMessage(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 2);
        String before = data(target);
        execute(plan).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/execution-refused"))
                .body("databaseError", org.hamcrest.Matchers.containsString("audited row 666 may not be deleted"));
        assertEquals(before, data(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aStatementPastItsTimeoutAnswers503AndNothingChanges(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 3);
        String before = data(target);
        execute(plan).then().statusCode(503).contentType("application/problem+json")
                .body("type", endsWith("/statement-timeout")).body("rolledBack", equalTo(true));
        assertEquals(before, data(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aBackendKilledMidTransactionAnswers503AndNothingChanges(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 4);
        String before = data(target);
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> running = pool.submit((Callable<Response>) () -> execute(plan));
            killTheSleepingDelete(target);
            running.get().then().statusCode(503).contentType("application/problem+json")
                    .body("type", endsWith("/target-connection-lost")).body("rolledBack", equalTo(true));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, data(target));
        // the pool does not keep the broken connection: the next request works
        plan(target, "customers", 9);
    }

    /** Waits for the execution to sit in the sleeping trigger, then kills its connection from another one. */
    static void killTheSleepingDelete(String target) throws Exception {
        String find = target.equals("pg")
                // whichever DELETE reaches the trigger: the executor's own, or the cascade of the customer's
                ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND query LIKE '%DELETE FROM%' AND state = 'active' AND wait_event = 'PgSleep'"
                : "SELECT id FROM information_schema.processlist WHERE db = '" + ExecutionTargets.mariaDb.schema()
                        + "' AND id <> CONNECTION_ID() AND (info LIKE '%slow%' OR info LIKE '%SLEEP%')";
        for (int i = 0; i < 100; i++) {
            try (Connection c = connect(target); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(find)) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    s.execute(target.equals("pg") ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the execution never reached the sleeping trigger");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void twoRacingExecutionsOfOnePlanCommitOnce(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 10);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> execute(plan).statusCode());
            var b = pool.submit(() -> execute(plan).statusCode());
            var codes = List.of(a.get(), b.get());
            assertTrue(codes.contains(200) && codes.contains(409), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, count(target, "SELECT COUNT(*) FROM customers WHERE id = 10"));
    }

    @Test
    void talliedRowsAreListedLiveScriptedByTheirParentsKeysAndRefusedOnceChanged() throws Exception {
        JsonPath plan = plan("pg", "customers", 13);
        String planId = plan.getString("id");
        assertEquals(4, plan.getInt("tables.find { it.table == 'public.items' && it.action == 'DELETE' }.rows"));
        var step = plan.getMap("steps.find { it.table == 'public.items' }");
        assertEquals("public.items.items_order_fk", step.get("relationship"));
        assertTrue(step.get("how").toString().contains("deleted with their public.orders rows"), step.toString());

        // paged across the listed orders and the counted items, three at a time
        var seen = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            var page = given().queryParam("limit", 3).queryParam("action", "DELETE")
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .when().get("/api/v1/delete-plans/" + planId + "/rows").then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                seen.add(item.get("table") + ":" + ((Map<?, ?>) item.get("key")).get("id"));
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of("public.customers:13", "public.items:1300", "public.items:1301", "public.items:1310",
                "public.items:1311", "public.orders:130", "public.orders:131"), seen.stream().sorted().toList());

        String script = given().when().get("/api/v1/delete-plans/" + planId + "/script").then().statusCode(200)
                .extract().asString();
        assertTrue(script.contains("DELETE 4 row(s) of public.items through public.items.items_order_fk (counted, "
                + "not listed"), script);
        // deleted by the executor by their parents' keys, or (enforcement on) by PostgreSQL's own cascade
        assertTrue(script.contains("DELETE FROM \"public\".\"items\" WHERE \"order_id\" IN (130, 131) RETURNING")
                || script.contains("by the database's own ON DELETE CASCADE with their parents"), script);

        sql("pg", "INSERT INTO items VALUES (1302, 130)");
        given().queryParam("table", "items").when().get("/api/v1/delete-plans/" + planId + "/rows").then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("/plan-drift"));
        String before = data("pg");
        execute(plan).then().statusCode(409).body("type", endsWith("/plan-drift"))
                .body("differences[0].table", equalTo("public.items"));
        assertEquals(before, data("pg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void anExpiredPlanAnswers410(String target) throws Exception {
        JsonPath plan = plan(target, "customers", 11);
        var entity = store.findPlan(UUID.fromString(plan.getString("id"))).orElseThrow();
        entity.expiresAt = Instant.now().minusSeconds(1);
        store.updatePlan(entity);
        String before = data(target);
        execute(plan).then().statusCode(410).body("type", endsWith("/plan-expired"));
        assertEquals(before, data(target));
    }

    @Test
    void aReadOnlyTargetPlansButRefusesExecution() throws Exception {
        JsonPath plan = plan("pgro", "customers", 12);
        String before = data("pg");
        execute(plan).then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/target-read-only"));
        assertEquals(before, data("pg"));
    }

    @Test
    void aRowReferencingItselfIsDeletedOnMariaDbWhereAPlainDeleteFails() throws Exception {
        // what InnoDB cannot do (MySQL manual 15.6.1.6): staff member 1 is their own boss, through a RESTRICT key
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection c = connect("maria")) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM staff WHERE id = 1");
                } finally {
                    c.rollback();
                }
            }
        });
        assertTrue(refused.getMessage().contains("foreign key"), refused.getMessage());
        JsonPath plan = plan("maria", "staff", 1);
        assertEquals("READY", plan.getString("status"), plan.prettify());
        assertTrue(plan.getList("warnings").toString().contains("reference themselves"), plan.prettify());
        execute(plan).then().statusCode(200);
        assertEquals(0, count("maria", "SELECT COUNT(*) FROM staff WHERE id = 1"));
        assertEquals(1, count("maria", "SELECT COUNT(*) FROM staff"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aHierarchyWithItsSelfManagingTopIsDeletedLevelByLevel(String target) throws Exception {
        JsonPath plan = plan(target, "employees", 1);
        assertEquals(4, plan.getInt("summary.DELETE.rows"));
        execute(plan).then().statusCode(200);
        assertEquals(1, count(target, "SELECT COUNT(*) FROM employees"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aCycleOfTwoTablesWithNotNullColumnsIsDeleted(String target) throws Exception {
        JsonPath plan = plan(target, "ring_a", 1);
        assertEquals(2, plan.getInt("summary.DELETE.rows"));
        execute(plan).then().statusCode(200);
        assertEquals(1, count(target, "SELECT COUNT(*) FROM ring_a"));
        assertEquals(1, count(target, "SELECT COUNT(*) FROM ring_b"));
    }
}
