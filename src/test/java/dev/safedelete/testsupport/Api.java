package dev.safedelete.testsupport;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured requests with credentials. {@code /api/**} needs a principal; the test profile configures one API
 * key per role (application.properties, {@code %test.safedelete.security.api-keys.*}). A test that is not about
 * security imports {@code dev.safedelete.testsupport.Api.given} instead of {@code RestAssured.given} and calls the
 * API as an admin.
 */
public final class Api {

    public static final String ADMIN_KEY = "test-admin-key";
    public static final String EXECUTOR_KEY = "test-executor-key";
    public static final String PLANNER_KEY = "test-planner-key";
    public static final String VIEWER_KEY = "test-viewer-key";
    /** Configured only as its SHA-256 ({@code key-sha256}), with the viewer role. */
    public static final String HASHED_VIEWER_KEY = "test-viewer-key-hashed";
    /** An admin that may use the target {@code demo} only. */
    public static final String DEMO_ONLY_KEY = "test-demo-only-key";
    /** An admin that may use the target {@code elsewhere} only (which does not exist): sees no target. */
    public static final String ELSEWHERE_ONLY_KEY = "test-elsewhere-only-key";

    private Api() {
    }

    /** A request as the test admin. */
    public static RequestSpecification given() {
        return as(ADMIN_KEY);
    }

    /** A request with {@code Authorization: Bearer <credential>} (an API key or a signed token). */
    public static RequestSpecification as(String credential) {
        return RestAssured.given().header("Authorization", "Bearer " + credential);
    }

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
