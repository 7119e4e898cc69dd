package dev.safedelete.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** With no configuration at all, the service has one target: the demo shop on H2. */
@QuarkusTest
class TargetsApiTest {

    @Test
    void listsTheDemoTarget() {
        given().when().get("/api/v1/targets")
                .then().statusCode(200)
                .contentType("application/json")
                .body("$", hasSize(1))
                .body("[0].name", equalTo("demo"))
                .body("[0].product", equalTo("H2"))
                .body("[0].version", notNullValue())
                .body("[0].readOnly", equalTo(false))
                .body("[0].status", equalTo("UP"))
                .body("[0].reason", nullValue())
                .body("[0].checkedAt", notNullValue());
    }

    @Test
    void getsOneTarget() {
        given().when().get("/api/v1/targets/demo")
                .then().statusCode(200)
                .body("name", equalTo("demo"))
                .body("status", equalTo("UP"));
    }

    @Test
    void unknownTargetIsA404Problem() {
        given().when().get("/api/v1/targets/shop")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/target-not-found"))
                .body("title", equalTo("Target not found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No target named 'shop'"))
                .body("instance", equalTo("/api/v1/targets/shop"))
                .body("target", equalTo("shop"));
    }

    @Test
    void readinessHasOneCheckPerTargetAndTheStore() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("target demo"))
                .body("checks.find { it.name == 'target demo' }.data.product", equalTo("H2"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsHaveTargetGauges() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("safedelete_target_up{target=\"demo\"} 1.0"))
                .body(containsString("safedelete_target_pool_active{target=\"demo\"}"));
    }
}
