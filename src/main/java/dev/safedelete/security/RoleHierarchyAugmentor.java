package dev.safedelete.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashSet;
import java.util.Set;

/**
 * Completes every identity, whichever mechanism made it:
 * <ul>
 *   <li>a token's roles come from {@code safedelete.security.jwt.roles-claim} when set, and its targets from
 *       {@code safedelete.security.jwt.targets-claim};</li>
 *   <li>every role brings the roles it implies ({@link Roles#implied}), so {@code @RolesAllowed(Roles.VIEWER)}
 *       admits planners, executors and admins;</li>
 *   <li>with {@code safedelete.security.enabled=false} the anonymous caller becomes the principal
 *       {@code anonymous} with every role.</li>
 * </ul>
 */
@ApplicationScoped
class RoleHierarchyAugmentor implements SecurityIdentityAugmentor {

    static final String ANONYMOUS = "anonymous";

    @Inject
    SecurityConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(config.enabled() ? identity : unrestricted());
        }
        Set<String> declared = new HashSet<>(identity.getRoles());
        TargetScope targets = identity.getAttribute(TargetScope.ATTRIBUTE);
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            config.jwt().rolesClaim().ifPresent(claim -> Claims.names(token, claim).ifPresent(declared::addAll));
            targets = config.jwt().targetsClaim()
                    .flatMap(claim -> Claims.names(token, claim))
                    .map(TargetScope::only)
                    .orElse(TargetScope.ALL);
        }
        var roles = new HashSet<String>();
        declared.forEach(role -> roles.addAll(Roles.implied(role)));
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(roles)
                .addAttribute(TargetScope.ATTRIBUTE, targets == null ? TargetScope.ALL : targets)
                .build());
    }

    private static SecurityIdentity unrestricted() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(ANONYMOUS))
                .addRoles(Set.copyOf(Roles.ALL))
                .addAttribute(TargetScope.ATTRIBUTE, TargetScope.ALL)
                .build();
    }
}
