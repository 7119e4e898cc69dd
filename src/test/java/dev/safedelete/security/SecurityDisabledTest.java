package dev.safedelete.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.safedelete.testsupport.Api.VIEWER_KEY;
import static dev.safedelete.testsupport.Api.anonymous;
import static dev.safedelete.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code safedelete.security.enabled=false}: for a service behind a gateway that authenticates. Every caller is
 * {@code anonymous} with every role; a key that is sent is still honoured (so its name is what gets recorded).
 */
@QuarkusTest
@TestProfile(SecurityDisabledTest.Disabled.class)
class SecurityDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("safedelete.security.enabled", "false");
        }
    }

    @Test
    void anonymousCallersMayDoEverything() {
        anonymous().when().get("/api/v1/targets").then().statusCode(200).body("[0].name", equalTo("demo"));
        anonymous().when().post("/api/test/security/administer").then().statusCode(200)
                .body("principal", equalTo("anonymous"))
                .body("allTargets", equalTo(true));
    }

    @Test
    void aKeyThatIsSentStillNamesThePrincipalAndKeepsItsRoles() {
        as(VIEWER_KEY).when().get("/api/test/security/read").then().statusCode(200)
                .body("principal", equalTo("api-key:test-viewer"));
        as(VIEWER_KEY).when().post("/api/test/security/execute").then().statusCode(403);
    }
}
