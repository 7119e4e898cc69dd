package dev.safedelete.security;

import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request that needs credentials and sent none: 401 with {@code WWW-Authenticate: Bearer}. Implemented by
 * the API layer, so that this answer is a problem detail like every other.
 */
public interface ChallengeResponder {

    void unauthorized(RoutingContext context, String detail);
}
