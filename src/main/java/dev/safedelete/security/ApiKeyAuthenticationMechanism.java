package dev.safedelete.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * {@code Authorization: Bearer <api key>}. Runs before the JWT mechanism (higher priority): a bearer that is a
 * configured key is authenticated here; any other bearer is left for the JWT mechanism, which refuses it when it
 * is not a valid token (or when no identity provider is configured).
 *
 * <p>Its challenge, sent when a request to {@code /api/**} carries no credentials, is a 401 problem detail with
 * {@code WWW-Authenticate: Bearer}; failures of credentials that were sent are answered the same way by the API
 * layer's failure handler.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final int PRIORITY = DEFAULT_PRIORITY + 1000;

    @Inject
    ApiKeys keys;

    @Inject
    ChallengeResponder problems;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        var bearer = Bearer.from(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (bearer.isEmpty() || keys.match(bearer.get()).isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        var request = HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(bearer.get()), context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    /** The challenge with a body: every error of this service is a problem detail, a missing credential too. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        problems.unauthorized(context, "This operation needs credentials: send Authorization: Bearer <API key or token>");
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    /**
     * No credential transport is declared: the JWT mechanism reads the same header, and Quarkus refuses two
     * mechanisms declaring one transport. Selecting a mechanism per path is not what we need anyway.
     */
    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
