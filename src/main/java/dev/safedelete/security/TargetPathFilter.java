package dev.safedelete.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every operation whose path has a {@code {target}} parameter ({@code /api/v1/targets/{target}/...}) is refused
 * with 403 for a principal not allowed that target, whichever resource class serves it: new resources under a
 * target are covered without doing anything. The parameter is read after JAX-RS matched and decoded it, so
 * {@code /targets/%62} is target {@code b} here too. A target that does not exist is refused the same way as one
 * that is not allowed, so a restricted principal cannot probe which targets exist.
 */
class TargetPathFilter {

    @Inject
    TargetAccess access;

    @ServerRequestFilter
    void requireTargetAccess(ContainerRequestContext request) {
        for (String target : request.getUriInfo().getPathParameters().getOrDefault("target", java.util.List.of())) {
            access.require(target);
        }
    }
}
