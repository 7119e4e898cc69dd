package dev.safedelete.target;

import dev.safedelete.catalog.DeclaredRelationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Targets on the real local servers, over HTTP: a PostgreSQL and a MariaDB target are UP with their product and
 * version; a target whose database is away at start-up does not stop the service, is DOWN with the reason, and
 * comes back by itself; after its connections are cut, the pool hands out no broken connection.
 */
@QuarkusTest
@TestProfile(RealTargetsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealTargetsTest {

    @Inject
    TargetRegistry registry;

    @Inject
    OtherCapabilityConfig otherCapability;

    @Test
    @Order(1)
    void listsExactlyTheConfiguredTargetsWithoutTheDisabledDemo() {
        given().when().get("/api/v1/targets")
                .then().statusCode(200)
                .body("name", equalTo(List.of("flaky", "maria", "pg")));
    }

    @Test
    @Order(2)
    void postgresTargetIsUpWithProductAndVersion() {
        given().when().get("/api/v1/targets/pg")
                .then().statusCode(200)
                .body("name", equalTo("pg"))
                .body("product", equalTo("PostgreSQL"))
                .body("version", startsWith("15"))
                .body("readOnly", equalTo(false))
                .body("status", equalTo("UP"))
                .body("reason", nullValue());
        Target pg = registry.find("pg").orElseThrow();
        assertEquals("postgresql", pg.requireDialect().name());
        assertEquals(List.of("public"), pg.schemas());
        assertEquals(List.of("public.customers", "orders"), pg.protectedTables(), "a comma list, trimmed");
        assertEquals(List.of(new DeclaredRelationship("orders_customer_copy", "public.orders", List.of("customer_id"),
                        "public.customers", List.of("id"), Rule.SET_NULL, Rule.NO_ACTION)),
                pg.declaredRelationships(), "on-update defaults to NO_ACTION");
    }

    @Test
    @Order(3)
    void mariaDbTargetIsUpReadOnlyAndServesQueries() throws Exception {
        given().when().get("/api/v1/targets/maria")
                .then().statusCode(200)
                .body("product", equalTo("MariaDB"))
                .body("version", containsString("10."))
                .body("readOnly", equalTo(true))
                .body("status", equalTo("UP"));
        Target maria = registry.find("maria").orElseThrow();
        assertEquals("mariadb", maria.requireDialect().name());
        try (Connection c = maria.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
    }

    @Test
    @Order(4)
    void targetAwayAtStartUpIsDownWithTheReasonAndTheServiceRuns() {
        JsonPath flaky = given().when().get("/api/v1/targets/flaky")
                .then().statusCode(200)
                .body("status", equalTo("DOWN"))
                .body("reason", notNullValue())
                .extract().jsonPath();
        assertTrue(flaky.getString("reason").contains("onnection"), flaky.getString("reason"));

        JsonPath health = given().when().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertEquals("DOWN", health.getString("checks.find { it.name == 'target flaky' }.status"));
        assertEquals("UP", health.getString("checks.find { it.name == 'target pg' }.status"));
        assertEquals("PostgreSQL", health.getString("checks.find { it.name == 'target pg' }.data.product"));
        assertTrue(health.getString("checks.find { it.name == 'target flaky' }.data.reason").contains("onnection"));

        // Liveness is not about targets: the service itself is fine.
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(5)
    void requireDialectOfADownTargetIsA503Problem() {
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(TargetUnavailableException.class,
                () -> registry.find("flaky").orElseThrow().requireDialect());
        var problem = dev.safedelete.api.DomainProblems.of(thrown).orElseThrow();
        assertEquals(503, problem.status());
        assertEquals("target-unavailable", problem.slug());
    }

    @Test
    @Order(6)
    void targetRecoversByItselfWhenItsDatabaseComesBack() throws Exception {
        RealTargetsResource.forwarder.open();
        // The periodic check (every 1s in this profile) brings it back without any request for it.
        Eventually.until("flaky is UP in readiness", Duration.ofSeconds(30), () -> given().when().get("/q/health/ready")
                .then().extract().jsonPath().getString("checks.find { it.name == 'target flaky' }.status").equals("UP"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/api/v1/targets/flaky")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("product", equalTo("PostgreSQL"))
                .body("reason", nullValue());
    }

    @Test
    @Order(7)
    void afterTheDatabaseDroppedEveryConnectionTheNextRequestWorks() throws Exception {
        // Make sure the pool holds a connection that is about to die.
        try (Connection c = registry.find("flaky").orElseThrow().connection()) {
            assertTrue(c.isValid(2));
        }
        int before = RealTargetsResource.forwarder.acceptedConnections();
        RealTargetsResource.forwarder.dropAllConnections();

        given().when().get("/api/v1/targets/flaky")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("reason", nullValue());
        try (Connection c = registry.find("flaky").orElseThrow().connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
        assertTrue(RealTargetsResource.forwarder.acceptedConnections() > before,
                "the pool opened a new connection instead of handing out the cut one");
    }

    @Test
    @Order(8)
    void aTargetThatGoesAwayWhileRunningTurnsDown() {
        RealTargetsResource.forwarder.shut();
        given().when().get("/api/v1/targets/flaky")
                .then().statusCode(200)
                .body("status", equalTo("DOWN"))
                .body("reason", not(equalTo("")))
                .body("product", equalTo("PostgreSQL"));
    }

    @Test
    @Order(9)
    void anotherCapabilityReadsItsOwnKeysUnderSafedelete() {
        assertEquals("x", otherCapability.setting());
    }

    @Test
    @Order(10)
    void unknownTargetIsA404Problem() {
        given().when().get("/api/v1/targets/nope")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/target-not-found"))
                .body("target", equalTo("nope"));
    }
}
