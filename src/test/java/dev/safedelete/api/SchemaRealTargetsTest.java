package dev.safedelete.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safedelete.testsupport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema API on real PostgreSQL and MariaDB targets ({@link SchemaTargetsResource}): declarations that do not
 * fit are reported while the service runs on, bare names that two schemas share are refused with the candidates,
 * names with spaces, dots and quotes work in URLs and graphs, and a refresh picks up DDL, whole, while readers run.
 */
@QuarkusTest
@TestProfile(SchemaTargetsProfile.class)
class SchemaRealTargetsTest {

    private static final String PG = "/api/v1/targets/pg";
    private static final String MARIA = "/api/v1/targets/maria";

    @TestHTTPResource("/api/v1/targets/pg/schema")
    URL pgSchema;

    // --- declared relationships ----------------------------------------------------------------------------------

    @Test
    void declarationsThatDoNotFitAreReportedAndTheServiceRuns() {
        given().when().get(PG).then().statusCode(200).body("status", equalTo("UP"));
        JsonPath schema = given().when().get(PG + "/schema")
                .then().statusCode(200)
                .body("declarationErrors", hasItem(
                        "declared relationship 'ghost_fkey': unknown child table 'public.ghosts'"))
                .body("declarationErrors", hasItem(
                        "declared relationship 'by_name_fkey': parent columns [name] of public.customers are not "
                                + "its primary key or a unique key"))
                .body("declarationErrors", not(hasItem(containsString("archived_orders_customer_fkey"))))
                .extract().jsonPath();
        assertEquals(List.of("archive.orders.archived_orders_customer_fkey"),
                schema.getList("relationships.findAll { it.source == 'DECLARED' }.id"),
                "the fitting declaration is a relationship; those with errors are left out");
        assertTrue(schema.getList("relationships.id", String.class).stream().noneMatch(id -> id.contains("ghost")));
    }

    @Test
    void aValidDeclarationAcrossSchemasIsFollowedByDependents() {
        given().when().get(PG + "/tables/{table}/dependents", "public.customers")
                .then().statusCode(200)
                .body("children.find { it.table == 'archive.orders' }.source", equalTo("DECLARED"))
                .body("children.find { it.table == 'archive.orders' }.action", equalTo("DELETE"));
    }

    // --- table names ---------------------------------------------------------------------------------------------

    @Test
    void aBareNameThatTwoSchemasShareIsA400ProblemNamingTheCandidates() {
        given().when().get(PG + "/tables/{table}/dependents", "orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/ambiguous-table"))
                .body("title", equalTo("Ambiguous table"))
                .body("target", equalTo("pg"))
                .body("table", equalTo("orders"))
                .body("candidates", equalTo(List.of("archive.orders", "public.orders")))
                .body("detail", containsString("archive.orders, public.orders"));
        given().when().get(PG + "/tables/{table}/dependents", "archive.orders")
                .then().statusCode(200)
                .body("table", equalTo("archive.orders"));
    }

    @Test
    void unknownTableIsA404Problem() {
        given().when().get(PG + "/tables/{table}/dependents", "archive.customers")
                .then().statusCode(404)
                .body("type", equalTo("https://safedelete.dev/problems/table-not-found"))
                .body("table", equalTo("archive.customers"));
    }

    @Test
    void tableNamesWithSpacesDotsAndQuotesWorkInUrls() {
        given().when().get(PG + "/tables/{table}/dependents", "public.order lines.v2")
                .then().statusCode(200)
                .body("table", equalTo("public.order lines.v2"))
                .body("children.relationship", equalTo(List.of("public.say \"hi\".quoted_line_fkey")))
                .body("children[0].table", equalTo("public.say \"hi\""))
                .body("children[0].columns", equalTo(List.of("line_order_id", "line_no")))
                .body("children[0].action", equalTo("SET_NULL"));
        // The same, encoded by hand as a browser would send it, and as a bare name.
        given().urlEncodingEnabled(false).when().get(PG + "/tables/public.order%20lines.v2/dependents")
                .then().statusCode(200)
                .body("table", equalTo("public.order lines.v2"));
        given().when().get(PG + "/tables/{table}/dependents", "order lines.v2")
                .then().statusCode(200)
                .body("table", equalTo("public.order lines.v2"));
        given().when().get(PG + "/tables/{table}/dependents", "say \"hi\"")
                .then().statusCode(200)
                .body("table", equalTo("public.say \"hi\""));
    }

    @Test
    void dependentsFollowCascadesAcrossAwkwardNames() {
        given().when().get(PG + "/tables/{table}/dependents", "customers")
                .then().statusCode(200)
                .body("children.find { it.table == 'public.orders' }.children[0].table", equalTo("public.order lines.v2"))
                .body("children.find { it.table == 'public.orders' }.children[0].children[0].table",
                        equalTo("public.say \"hi\""))
                .body("children.find { it.table == 'public.orders' }.children[0].children[0].action",
                        equalTo("SET_NULL"));
    }

    @Test
    void graphsDrawAwkwardNamesAndEveryRelationship() {
        JsonPath schema = given().when().get(PG + "/schema").then().statusCode(200).extract().jsonPath();
        var mermaid = GraphText.parseMermaid(given().when().get(PG + "/graph").then().statusCode(200).extract().asString());
        var dot = GraphText.parseDot(given().when().get(PG + "/graph?format=dot").then().statusCode(200).extract().asString());
        var tables = Set.copyOf(schema.getList("tables.name", String.class));
        assertTrue(tables.contains("public.say \"hi\""));
        assertEquals(tables, Set.copyOf(mermaid.nodes().values()));
        assertEquals(tables, Set.copyOf(dot.nodes().values()));
        assertEquals(SchemaApiTest.expectedEdges(schema), mermaid.edges());
        assertEquals(SchemaApiTest.expectedEdges(schema), dot.edges());
    }

    // --- refresh -------------------------------------------------------------------------------------------------

    @Test
    void refreshOnPostgresShowsANewTableAndForeignKey() throws SQLException {
        given().when().get(PG + "/schema").then().statusCode(200)
                .body("tables.name", not(hasItem("public.reviews")));
        postgres("CREATE TABLE public.reviews (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                + "CONSTRAINT reviews_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers (id) "
                + "ON DELETE SET NULL)");

        given().when().get(PG + "/schema").then().statusCode(200)
                .body("tables.name", not(hasItem("public.reviews")));   // the cached catalog, until a refresh

        given().when().post(PG + "/schema/refresh")
                .then().statusCode(200)
                .body("target", equalTo("pg"))
                .body("tables.name", hasItem("public.reviews"))
                .body("relationships.find { it.id == 'public.reviews.reviews_customer_id_fkey' }.onDelete",
                        equalTo("SET_NULL"))
                .body("relationships.find { it.id == 'public.reviews.reviews_customer_id_fkey' }.parentTable",
                        equalTo("public.customers"))
                .body("declarationErrors", hasItem(containsString("ghost_fkey")));
        given().when().get(PG + "/schema").then().statusCode(200)
                .body("tables.name", hasItem("public.reviews"))
                .body("relationships.id", hasItem("public.reviews.reviews_customer_id_fkey"));
        given().when().get(PG + "/tables/{table}/dependents", "public.customers").then().statusCode(200)
                .body("children.table", hasItem("public.reviews"));
    }

    @Test
    void refreshOnMariaDbShowsANewTableAndForeignKey() throws SQLException {
        String db = SchemaTargetsResource.mariaDb.schema();
        given().when().get(MARIA + "/schema").then().statusCode(200)
                .body("product", equalTo("MariaDB"))
                .body("tables.name", hasItems(db + ".customers", db + ".orders"))
                .body("tables.name", not(hasItem(db + ".refunds")));
        mariaDb("CREATE TABLE refunds (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, "
                + "CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT)");

        given().when().post(MARIA + "/schema/refresh")
                .then().statusCode(200)
                .body("tables.name", hasItem(db + ".refunds"))
                .body("relationships.find { it.id == '" + db + ".refunds.refunds_order_id_fkey' }.onDelete",
                        equalTo("RESTRICT"))
                .body("relationships.find { it.id == '" + db + ".refunds.refunds_order_id_fkey' }.parentTable",
                        equalTo(db + ".orders"));
        given().when().get(MARIA + "/schema").then().statusCode(200)
                .body("relationships.id", hasItem(db + ".refunds.refunds_order_id_fkey"));
        given().when().get(MARIA + "/tables/{table}/dependents", "customers").then().statusCode(200)
                .body("children[0].table", equalTo(db + ".orders"))
                .body("children[0].children[0].table", equalTo(db + ".refunds"))
                .body("children[0].children[0].action", equalTo("BLOCK"));
    }

    /**
     * Readers hammer GET /schema while the schema changes and is refreshed again and again. Each change adds or drops
     * two tables and two foreign keys in one transaction, so a reader that saw a half-replaced catalog would count
     * one of them; every answer must be the whole old catalog or the whole new one.
     */
    @Test
    void readersDuringRefreshesSeeTheOldOrTheNewCatalogNeverAMix() throws Exception {
        postgres("DROP TABLE IF EXISTS public.burst_b, public.burst_a");
        Snapshot old = Snapshot.of(refreshPg());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var seen = new ConcurrentLinkedQueue<Snapshot>();
        var latest = new AtomicReference<>(old);
        var stop = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        var running = new ArrayList<Future<?>>();
        try {
            for (int i = 0; i < 4; i++) {
                running.add(readers.submit(() -> {
                    while (!stop.get()) {
                        Snapshot s = Snapshot.of(get(http, pgSchema));
                        seen.add(s);
                        latest.set(s);
                    }
                    return null;
                }));
            }
            Snapshot grown = null;
            for (int round = 1; round <= 6; round++) {
                boolean grow = round % 2 == 1;
                postgres(grow ? BURST_TABLES : "DROP TABLE public.burst_b, public.burst_a");
                Snapshot now = Snapshot.of(refreshPg());
                assertEquals(old.relationships() + (grow ? 2 : 0), now.relationships(), "round " + round);
                grown = grow ? now : grown;
                Eventually.until("readers see round " + round, Duration.ofSeconds(30),
                        () -> latest.get().relationships() == now.relationships());
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            var distinct = new HashSet<Snapshot>(seen);
            assertEquals(Set.of(old, grown), distinct, "every answer is the old catalog or the new one, whole");
            assertTrue(seen.size() > 20, "the readers really ran alongside: " + seen.size() + " answers");
        } finally {
            stop.set(true);
            readers.shutdownNow();
        }
    }

    private static final String BURST_TABLES = "CREATE TABLE public.burst_a (id INTEGER PRIMARY KEY, "
            + "customer_id INTEGER REFERENCES public.customers (id) ON DELETE CASCADE); "
            + "CREATE TABLE public.burst_b (id INTEGER PRIMARY KEY, "
            + "a_id INTEGER REFERENCES public.burst_a (id) ON DELETE CASCADE)";

    /**
     * What a reader can tell about one answer: its table and relationship counts, and whether every relationship's
     * tables are among its tables (a relationship of a newer load next to the tables of an older one would not be).
     */
    record Snapshot(int tables, int relationships, boolean consistent) {

        static Snapshot of(JsonNode schema) {
            var names = new HashSet<String>();
            schema.get("tables").forEach(t -> names.add(t.get("name").asText()));
            boolean consistent = true;
            for (JsonNode r : schema.get("relationships")) {
                consistent &= names.contains(r.get("childTable").asText()) && names.contains(r.get("parentTable").asText());
            }
            return new Snapshot(names.size(), schema.get("relationships").size(), consistent);
        }
    }

    private static JsonNode refreshPg() throws Exception {
        return new ObjectMapper().readTree(given().when().post(PG + "/schema/refresh")
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode get(HttpClient http, URL url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url.toString()))
                        .header("Authorization", "Bearer " + dev.safedelete.testsupport.Api.ADMIN_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /schema answered " + response.statusCode() + ": " + response.body());
        }
        return new ObjectMapper().readTree(response.body());
    }

    /** Runs DDL on the pg target's database, in one transaction (PostgreSQL's DDL is transactional). */
    private static void postgres(String sql) throws SQLException {
        try (Connection c = SchemaTargetsResource.postgres.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(sql);
            c.commit();
        }
    }

    private static void mariaDb(String sql) throws SQLException {
        try (Connection c = SchemaTargetsResource.mariaDb.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
