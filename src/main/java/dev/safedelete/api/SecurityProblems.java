package dev.safedelete.api;

import dev.safedelete.security.ChallengeResponder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The two security answers, as problem details, both where Vert.x answers (before any resource runs) and where a
 * resource does: {@code 401 unauthorized} with {@code WWW-Authenticate: Bearer}, and {@code 403 forbidden}.
 */
@ApplicationScoped
public class SecurityProblems implements ChallengeResponder {

    static final String CHALLENGE = "Bearer";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    @Inject
    ProblemResponses responses;

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    public static ProblemException forbidden(String detail, Map<String, ?> fields) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, fields);
    }

    @Override
    public void unauthorized(RoutingContext context, String detail) {
        send(context, unauthorized(detail));
    }

    void forbidden(RoutingContext context, String detail) {
        send(context, forbidden(detail, Map.of()));
    }

    /** A JAX-RS response for a security problem, with the challenge header on a 401. */
    Response toResponse(ProblemException problem, String path) {
        Response response = responses.toResponse(problem.toProblem(path));
        return problem.status() == 401
                ? Response.fromResponse(response).header(SecurityProblems.WWW_AUTHENTICATE, CHALLENGE).build()
                : response;
    }

    private void send(RoutingContext context, ProblemException problem) {
        var response = context.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader(SecurityProblems.WWW_AUTHENTICATE, CHALLENGE);
        }
        response.end(responses.toJson(problem.toProblem(context.request().path())));
    }
}
