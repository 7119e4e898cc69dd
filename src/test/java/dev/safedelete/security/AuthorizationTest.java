package dev.safedelete.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.safedelete.testsupport.Api.ADMIN_KEY;
import static dev.safedelete.testsupport.Api.DEMO_ONLY_KEY;
import static dev.safedelete.testsupport.Api.ELSEWHERE_ONLY_KEY;
import static dev.safedelete.testsupport.Api.EXECUTOR_KEY;
import static dev.safedelete.testsupport.Api.PLANNER_KEY;
import static dev.safedelete.testsupport.Api.VIEWER_KEY;
import static dev.safedelete.testsupport.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Who may do what, through HTTP, with API keys and with tokens alike. A viewer reads; a planner also plans; an
 * executor also executes; an admin does everything. A principal limited to some targets sees and uses only those.
 * The plan and execution operations are stood for by {@link SecurityProbeResource}, annotated as they must be.
 */
@QuarkusTest
class AuthorizationTest {

    /** An operation and the least role that may call it. */
    record Operation(String method, String path, String role) {

        int status(RequestSpecification request) {
            return request.when().request(method, path).then().extract().statusCode();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Operation> OPERATIONS = List.of(
            new Operation("GET", "/api/v1/targets", Roles.VIEWER),
            new Operation("GET", "/api/v1/targets/demo", Roles.VIEWER),
            new Operation("GET", "/api/test/security/read", Roles.VIEWER),
            new Operation("GET", "/api/test/security/targets/demo/things", Roles.VIEWER),
            new Operation("POST", "/api/test/security/plan", Roles.PLANNER),
            new Operation("POST", "/api/test/security/execute", Roles.EXECUTOR),
            new Operation("POST", "/api/test/security/administer", Roles.ADMIN));

    /** Every role, with an API key and with a token, against every operation. */
    static Stream<Arguments> everyRoleOnEveryOperation() {
        var keys = List.of(VIEWER_KEY, PLANNER_KEY, EXECUTOR_KEY, ADMIN_KEY);
        var cases = new ArrayList<Arguments>();
        for (int rank = 0; rank < Roles.ALL.size(); rank++) {
            String role = Roles.ALL.get(rank);
            for (Operation operation : OPERATIONS) {
                int expected = rank >= Roles.ALL.indexOf(operation.role()) ? 200 : 403;
                cases.add(Arguments.of(role, "API key", keys.get(rank), operation, expected));
                cases.add(Arguments.of(role, "token", Tokens.forUser("user-" + role, role), operation, expected));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: {3} is {4}")
    @MethodSource("everyRoleOnEveryOperation")
    void everyRoleOnEveryOperation(String role, String kind, String credential, Operation operation, int expected) {
        var response = as(credential).when().request(operation.method(), operation.path()).then().statusCode(expected);
        if (expected == 403) {
            response.contentType("application/problem+json")
                    .body("type", equalTo("https://safedelete.dev/problems/forbidden"))
                    .body("status", equalTo(403))
                    .body("roles", hasItem(role));
        }
    }

    @Test
    void aTokenWithoutAnyOfOurRolesIsForbiddenEverywhere() {
        String token = Tokens.forUser("mallory", "staff", "everyone");
        for (Operation operation : OPERATIONS) {
            as(token).when().request(operation.method(), operation.path()).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void theRoleHierarchyIsAddedToTheIdentity() {
        as(EXECUTOR_KEY).when().post("/api/test/security/execute").then().statusCode(200)
                .body("principal", equalTo("api-key:test-executor"))
                .body("allTargets", equalTo(true));
    }

    @Test
    void aKeyLimitedToATargetSeesOnlyThatTarget() {
        as(DEMO_ONLY_KEY).when().get("/api/v1/targets").then().statusCode(200).body("name", equalTo(List.of("demo")));
        as(ELSEWHERE_ONLY_KEY).when().get("/api/v1/targets").then().statusCode(200).body("$", empty());
    }

    @Test
    void aKeyLimitedToATargetIsForbiddenEveryOtherOneUnderEveryPath() {
        as(DEMO_ONLY_KEY).when().get("/api/v1/targets/demo").then().statusCode(200);
        as(DEMO_ONLY_KEY).when().get("/api/test/security/targets/demo/things").then().statusCode(200);
        targetForbidden(as(ELSEWHERE_ONLY_KEY), "/api/v1/targets/demo", "demo");
        targetForbidden(as(ELSEWHERE_ONLY_KEY), "/api/test/security/targets/demo/things", "demo");
        // Existing or not, a target outside the key's list is a 403: a restricted key cannot probe for names.
        targetForbidden(as(DEMO_ONLY_KEY), "/api/v1/targets/shop", "shop");
        as(ADMIN_KEY).when().get("/api/v1/targets/shop").then().statusCode(404);
    }

    @Test
    void thePathParameterIsCheckedAsDecoded() {
        as(ELSEWHERE_ONLY_KEY).urlEncodingEnabled(false).when().get("/api/v1/targets/%64emo").then().statusCode(403)
                .body("target", equalTo("demo"));
        as(DEMO_ONLY_KEY).urlEncodingEnabled(false).when().get("/api/v1/targets/%64emo").then().statusCode(200)
                .body("name", equalTo("demo"));
    }

    @Test
    void targetAccessRequireGuardsWhatIsFoundById() {
        as(DEMO_ONLY_KEY).when().get("/api/test/security/plans-on/demo").then().statusCode(200);
        targetForbidden(as(DEMO_ONLY_KEY), "/api/test/security/plans-on/shop", "shop");
    }

    @Test
    void aTokenLimitedByItsTargetsClaimSeesOnlyThoseTargets() {
        String demoOnly = Tokens.forUserOnTargets("grace", List.of("demo"), Roles.ADMIN);
        String elsewhere = Tokens.forUserOnTargets("grace", List.of("elsewhere"), Roles.ADMIN);
        as(demoOnly).when().get("/api/v1/targets").then().statusCode(200).body("name", equalTo(List.of("demo")));
        as(demoOnly).when().get("/api/test/security/read").then().statusCode(200)
                .body("allTargets", equalTo(false)).body("targets", equalTo(List.of("demo")));
        as(elsewhere).when().get("/api/v1/targets").then().statusCode(200).body("$", empty());
        targetForbidden(as(elsewhere), "/api/v1/targets/demo", "demo");
    }

    @Test
    void aTokenWithoutTheTargetsClaimMayUseEveryTarget() {
        as(Tokens.forUser("grace", Roles.VIEWER)).when().get("/api/v1/targets").then().statusCode(200)
                .body("name", hasItem("demo"));
    }

    @Test
    void aForbiddenAnswerDoesNotAskForCredentials() {
        as(VIEWER_KEY).when().post("/api/test/security/execute").then().statusCode(403)
                .header("WWW-Authenticate", not(equalTo("Bearer")));
    }

    private static void targetForbidden(RequestSpecification request, String path, String target) {
        request.when().get(path).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://safedelete.dev/problems/forbidden"))
                .body("target", equalTo(target))
                .body("instance", equalTo(path));
    }
}
