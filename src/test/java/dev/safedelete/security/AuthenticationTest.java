package dev.safedelete.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.safedelete.testsupport.Api.ADMIN_KEY;
import static dev.safedelete.testsupport.Api.HASHED_VIEWER_KEY;
import static dev.safedelete.testsupport.Api.anonymous;
import static dev.safedelete.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

/**
 * Who is let in at all: {@code /api/**} needs an API key or a valid token from the configured identity provider;
 * everything else is a 401 problem detail with {@code WWW-Authenticate: Bearer}. {@code /q/*} stays open.
 */
@QuarkusTest
class AuthenticationTest {

    @Test
    void noCredentialsIs401WithABearerChallenge() {
        unauthorized(anonymous().when().get("/api/v1/targets").then());
        unauthorized(anonymous().when().get("/api/v1/targets/demo").then());
    }

    @Test
    void anApiKeyIsLetIn() {
        as(ADMIN_KEY).when().get("/api/v1/targets").then().statusCode(200).body("[0].name", equalTo("demo"));
    }

    @Test
    void aKeyConfiguredOnlyByItsSha256IsLetIn() {
        as(HASHED_VIEWER_KEY).when().get("/api/test/security/read").then().statusCode(200)
                .body("principal", equalTo("api-key:test-hashed-viewer"));
    }

    @Test
    void anUnknownKeyIs401() {
        unauthorized(as("not-a-key").when().get("/api/v1/targets").then());
        unauthorized(as(ADMIN_KEY + "x").when().get("/api/v1/targets").then());
        unauthorized(anonymous().header("Authorization", "Basic " + ADMIN_KEY).when().get("/api/v1/targets").then());
    }

    @Test
    void aValidTokenIsLetIn() {
        as(Tokens.forUser("ada", "viewer")).when().get("/api/test/security/read").then().statusCode(200)
                .body("principal", equalTo("ada"));
    }

    @Test
    void expiredTokenIs401() {
        unauthorized(as(Tokens.expired("ada", "admin")).when().get("/api/v1/targets").then());
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        unauthorized(as(Tokens.fromIssuer("https://evil.example", "ada", "admin")).when().get("/api/v1/targets").then());
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        unauthorized(as(Tokens.signedByAnotherKey("ada", "admin")).when().get("/api/v1/targets").then());
    }

    @Test
    void unsignedTokenIs401() {
        unauthorized(as(Tokens.unsigned("ada", "admin")).when().get("/api/v1/targets").then());
    }

    @Test
    void tamperedTokenIs401() {
        unauthorized(as(Tokens.tampered("ada", "admin")).when().get("/api/v1/targets").then());
    }

    @Test
    void operationalEndpointsNeedNoCredentialsAndIgnoreBadOnes() {
        for (String path : new String[]{"/q/health/ready", "/q/health/live", "/q/openapi", "/q/swagger-ui/", "/q/metrics"}) {
            anonymous().when().get(path).then().statusCode(200);
            as("garbage").when().get(path).then().statusCode(200);
        }
    }

    static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }
}
