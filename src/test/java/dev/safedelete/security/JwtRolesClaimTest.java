package dev.safedelete.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.safedelete.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;

/**
 * Roles from an identity provider's own claim ({@code safedelete.security.jwt.roles-claim}), here Keycloak's
 * {@code realm_access.roles}, as an array or as one space-separated string; targets from a renamed claim.
 */
@QuarkusTest
@TestProfile(JwtRolesClaimTest.KeycloakClaims.class)
class JwtRolesClaimTest {

    public static class KeycloakClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("safedelete.security.jwt.roles-claim", "realm_access.roles",
                    "safedelete.security.jwt.targets-claim", "databases");
        }
    }

    @Test
    void rolesComeFromTheConfiguredNestedClaim() throws Exception {
        String planner = token(Map.of("realm_access", Map.of("roles", List.of("planner", "offline_access"))));
        as(planner).when().post("/api/test/security/plan").then().statusCode(200).body("principal", equalTo("kc-user"));
        as(planner).when().post("/api/test/security/execute").then().statusCode(403);
    }

    @Test
    void aSpaceSeparatedStringClaimIsAListOfRoles() throws Exception {
        String executor = token(Map.of("realm_access", Map.of("roles", "uma_authorization executor")));
        as(executor).when().post("/api/test/security/execute").then().statusCode(200);
    }

    @Test
    void targetsComeFromTheConfiguredClaim() throws Exception {
        String limited = token(Map.of("realm_access", Map.of("roles", List.of("viewer")), "databases", "elsewhere"));
        as(limited).when().get("/api/v1/targets/demo").then().statusCode(403).body("target", equalTo("demo"));
    }

    private static String token(Map<String, Object> claims) throws Exception {
        var builder = Jwt.issuer(Tokens.ISSUER).upn("kc-user").subject("kc-user")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        claims.forEach(builder::claim);
        return builder.jws().keyId(Tokens.KEY_ID).sign(Tokens.idpKey());
    }
}
