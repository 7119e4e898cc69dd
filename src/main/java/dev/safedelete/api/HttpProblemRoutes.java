package dev.safedelete.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Problem details for what never reaches a REST resource: a body over the size limit (Vert.x would answer a bare
 * 413) and a path nothing serves (Vert.x would answer a bare 404).
 */
@ApplicationScoped
class HttpProblemRoutes {

    @Inject
    ProblemResponses responses;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        // Runs before the body handler, which would otherwise cut the connection with a plain 413.
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversizedBody);
        // Runs after every other route declined the request.
        router.route().order(Integer.MAX_VALUE).handler(this::notFound);
    }

    private void rejectOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = maxBodySize.asLongValue();
        if (length != null && parses(length) && Long.parseLong(length.trim()) > limit) {
            send(context, new ProblemException(413, "payload-too-large", "Payload too large",
                    "The request body has " + length.trim() + " bytes; the limit is " + limit,
                    Map.of("limit", limit)));
            return;
        }
        context.next();
    }

    private void notFound(RoutingContext context) {
        send(context, new ProblemException(404, "not-found", "Not found",
                "Nothing is served at " + context.request().method() + " " + context.request().path()));
    }

    private void send(RoutingContext context, ProblemException problem) {
        var body = responses.toJson(problem.toProblem(context.request().path()));
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 413) {
            // The client may still be sending the body we refuse: close rather than read it.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }

    private static boolean parses(String length) {
        try {
            Long.parseLong(length.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
