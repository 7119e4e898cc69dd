package dev.safedelete.api;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Security failures raised before any resource runs (the {@code /api/*} permission check, a bearer that is
 * neither a known key nor a valid token) are answered by Vert.x with an empty body; this failure handler, ahead of
 * Quarkus' own, answers them as problem details instead.
 */
@ApplicationScoped
class SecurityProblemRoutes {

    @Inject
    SecurityProblems problems;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            // Never say which check failed (unknown key, expired token, wrong issuer, bad signature): that would
            // help someone guessing, and the caller's own logs or identity provider say it better.
            boolean sent = context.request().getHeader(io.vertx.core.http.HttpHeaders.AUTHORIZATION) != null;
            problems.unauthorized(context, sent
                    ? "The credentials are not valid: neither a known API key nor a valid, unexpired token signed "
                    + "by the configured identity provider"
                    : "This operation needs credentials: send Authorization: Bearer <API key or token>");
        } else if (failure instanceof ForbiddenException) {
            problems.forbidden(context, "The principal may not perform this operation");
        } else {
            context.next();
        }
    }
}
