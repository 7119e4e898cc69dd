package dev.safedelete.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/** Every kind of bad request is answered with an RFC 9457 problem detail that says what was wrong. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String VALID = "{\"table\":\"public.customers\",\"keys\":[{\"id\":1001}],\"mode\":\"FOLLOW_RULES\"}";

    @Test
    void aValidRequestPasses() {
        post(VALID).statusCode(200).body("keys", equalTo(1));
    }

    @Test
    void malformedJsonSaysWhere() {
        problem(post("{\"table\": \"public.customers\",\n \"keys\": [ {\"id\": 1001 ]}"), 400, "malformed-json")
                .body("line", equalTo(2))
                .body("column", equalTo(24))
                .body("detail", containsString("line 2"));
    }

    @Test
    void unknownFieldIsNamed() {
        problem(post("{\"table\":\"public.customers\",\"keys\":[{\"id\":1}],\"colour\":\"red\"}"), 400, "unknown-field")
                .body("field", equalTo("colour"))
                .body("knownFields", hasItem("sampleSize"))
                .body("detail", containsString("colour"));
    }

    @Test
    void unknownNestedFieldIsNamedWithItsPath() {
        problem(post("{\"table\":\"t\",\"keys\":[{\"id\":1},{\"id\":2,\"name\":\"x\"}]}"), 400, "unknown-field")
                .body("field", equalTo("keys[1].name"));
    }

    @Test
    void wrongTypeNamesTheFieldPath() {
        problem(post("{\"table\":\"t\",\"keys\":[{\"id\":\"one\"}]}"), 400, "invalid-field")
                .body("field", equalTo("keys[0].id"))
                .body("expected", equalTo("a number"));
        problem(post("{\"table\":\"t\",\"keys\":{\"id\":1}}"), 400, "invalid-field")
                .body("field", equalTo("keys"));
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        problem(post("{\"table\":\"t\",\"keys\":[{\"id\":1}],\"mode\":\"DELETE_EVERYTHING\"}"), 400, "invalid-field")
                .body("field", equalTo("mode"))
                .body("expected", equalTo("one of [FOLLOW_RULES, CASCADE_ALL]"));
    }

    @Test
    void beanValidationNamesEachField() {
        problem(post("{\"table\":\" \",\"keys\":[{\"id\":null}],\"sampleSize\":0}"), 400, "validation-failed")
                .body("errors", hasSize(3))
                .body("errors.field", hasItem("table"))
                .body("errors.field", hasItem("keys[0].id"))
                .body("errors.field", hasItem("sampleSize"))
                .body("detail", containsString("sampleSize"))
                .body("detail", not(containsString("echo")));
    }

    @Test
    void aMissingBodyIsAValidationProblem() {
        problem(given().contentType("application/json").when().post("/test/problems").then(), 400, "validation-failed");
    }

    @Test
    void aBadQueryParameterIsNamed() {
        problem(given().when().get("/test/problems/page?limit=0").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("limit"));
        problem(given().when().get("/test/problems/page?limit=many").then(), 400, "invalid-parameter")
                .body("detail", containsString("many"));
    }

    @Test
    void unknownPathsAre404Problems() {
        problem(given().when().get("/api/v1/nope").then(), 404, "not-found")
                .body("instance", equalTo("/api/v1/nope"));
        problem(given().when().get("/nothing/here").then(), 404, "not-found");
        problem(given().when().get("/api/v1/targets/demo/nope/deeper").then(), 404, "not-found");
    }

    @Test
    void wrongMethodIs405() {
        problem(given().when().delete("/api/v1/targets").then(), 405, "method-not-allowed")
                .body("detail", containsString("DELETE"));
    }

    @Test
    void unsupportedMediaTypeIs415() {
        problem(given().contentType("text/plain").body("table=customers").when().post("/test/problems").then(),
                415, "unsupported-media-type")
                .body("contentType", containsString("text/plain"));
    }

    @Test
    void notAcceptableIs406() {
        problem(given().accept("text/csv").when().get("/api/v1/targets").then(), 406, "not-acceptable")
                .body("accept", equalTo("text/csv"));
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"table\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"keys\":[]}";
        problem(post(huge), 413, "payload-too-large").body("limit", equalTo(1048576));
    }

    @Test
    void unexpectedFailureIs500WithACorrelationIdAndNoInternals() {
        problem(given().when().get("/test/problems/boom").then(), 500, "internal-error")
                .body("correlationId", matchesPattern("[0-9a-f-]{36}"))
                .body("detail", not(containsString("internal detail")));
    }

    @Test
    void problemExceptionCarriesItsOwnFields() {
        problem(given().when().get("/test/problems/conflict").then(), 409, "plan-drift")
                .body("title", equalTo("The data changed since the preview"))
                .body("differences[0].table", equalTo("public.orders"))
                .body("differences[0].now", equalTo(5));
    }

    private static ValidatableResponse post(String json) {
        return given().contentType("application/json").body(json).when().post("/test/problems").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/" + slug))
                .body("status", equalTo(status))
                .body("title", not(equalTo("")))
                .body("detail", not(equalTo("")))
                .body("instance", not(equalTo("")));
    }
}
