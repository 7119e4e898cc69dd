package dev.safedelete.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.TreeSet;

/**
 * {@code @RolesAllowed} refusals inside Quarkus REST, as problem details (the ones raised before REST are
 * answered by {@link SecurityProblemRoutes}).
 */
class SecurityExceptionMappers {

    @Inject
    SecurityProblems problems;

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, HttpServerRequest request) {
        if (identity.isAnonymous()) {
            return unauthorized(request);
        }
        var roles = new TreeSet<>(identity.getRoles());
        return problems.toResponse(SecurityProblems.forbidden("The principal '" + identity.getPrincipal().getName()
                + "' (roles " + roles + ") may not perform this operation", Map.of("roles", roles)), request.path());
    }

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    private Response unauthorized(HttpServerRequest request) {
        return problems.toResponse(SecurityProblems.unauthorized(
                "This operation needs valid credentials: send Authorization: Bearer <API key or token>"), request.path());
    }
}
