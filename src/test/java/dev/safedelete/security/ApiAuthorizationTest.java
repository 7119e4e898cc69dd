package dev.safedelete.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.safedelete.testsupport.Api.ADMIN_KEY;
import static dev.safedelete.testsupport.Api.EXECUTOR_KEY;
import static dev.safedelete.testsupport.Api.PLANNER_KEY;
import static dev.safedelete.testsupport.Api.VIEWER_KEY;
import static dev.safedelete.testsupport.Api.anonymous;
import static dev.safedelete.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role, with an API key and with a token, on every operation of api.md: allowed below its least role is 403,
 * at or above it the operation answers on its own terms (here often 404 for an unknown plan: the role gate comes
 * first), and without credentials 401. Nothing is executed: execution is only ever asked for an unknown plan.
 */
@QuarkusTest
class ApiAuthorizationTest {

    record Operation(String method, String path, String body, String role) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String UNKNOWN = UUID.randomUUID().toString();

    static final List<Operation> OPERATIONS = List.of(
            new Operation("GET", "/api/v1/targets", null, Roles.VIEWER),
            new Operation("GET", "/api/v1/targets/demo/schema", null, Roles.VIEWER),
            new Operation("GET", "/api/v1/targets/demo/tables/customers/dependents", null, Roles.VIEWER),
            new Operation("GET", "/api/v1/targets/demo/graph", null, Roles.VIEWER),
            new Operation("POST", "/api/v1/targets/demo/schema/refresh", null, Roles.ADMIN),
            new Operation("POST", "/api/v1/targets/demo/delete-plans",
                    "{\"table\": \"customers\", \"keys\": [{\"id\": 1001}]}", Roles.PLANNER),
            new Operation("GET", "/api/v1/delete-plans/" + UNKNOWN, null, Roles.VIEWER),
            new Operation("GET", "/api/v1/delete-plans/" + UNKNOWN + "/rows", null, Roles.VIEWER),
            new Operation("GET", "/api/v1/delete-plans/" + UNKNOWN + "/script", null, Roles.VIEWER),
            new Operation("POST", "/api/v1/delete-plans/" + UNKNOWN + "/execution",
                    "{\"confirmationToken\": \"x\"}", Roles.EXECUTOR),
            new Operation("GET", "/api/v1/executions", null, Roles.VIEWER),
            new Operation("GET", "/api/v1/executions/" + UNKNOWN, null, Roles.VIEWER));

    static Stream<Arguments> cases() {
        var keys = List.of(VIEWER_KEY, PLANNER_KEY, EXECUTOR_KEY, ADMIN_KEY);
        var out = new ArrayList<Arguments>();
        for (int rank = 0; rank < Roles.ALL.size(); rank++) {
            String role = Roles.ALL.get(rank);
            for (Operation op : OPERATIONS) {
                boolean allowed = rank >= Roles.ALL.indexOf(op.role());
                out.add(Arguments.of(role, "API key", keys.get(rank), op, allowed));
                out.add(Arguments.of(role, "token", Tokens.forUser("user-" + role, role), op, allowed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: {3} allowed={4}")
    @MethodSource("cases")
    void everyRoleOnEveryOperation(String role, String kind, String credential, Operation op, boolean allowed) {
        var request = as(credential);
        if (op.body() != null) {
            request.contentType(ContentType.JSON).body(op.body());
        }
        int status = request.when().request(op.method(), op.path()).then().extract().statusCode();
        if (allowed) {
            assertTrue(status != 401 && status != 403 && status < 500, op + " as " + role + " answered " + status);
        } else {
            assertTrue(status == 403, op + " as " + role + " answered " + status);
        }
    }

    static Stream<Operation> operations() {
        return OPERATIONS.stream();
    }

    @ParameterizedTest(name = "{0} without credentials")
    @MethodSource("operations")
    void withoutCredentialsEveryOperationIs401(Operation op) {
        var request = anonymous();
        if (op.body() != null) {
            request.contentType(ContentType.JSON).body(op.body());
        }
        request.when().request(op.method(), op.path()).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }
}
