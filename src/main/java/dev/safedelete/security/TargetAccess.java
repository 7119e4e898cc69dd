package dev.safedelete.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Which targets the current principal may use, for code that learns the target from something other than the
 * path: a plan or an execution found by id. Paths with a {@code {target}} parameter are checked by
 * {@link TargetPathFilter} before the resource runs.
 *
 * <pre>
 * DeletePlanEntity plan = store.find(id).filter(p -&gt; access.allowed(p.target)).orElseThrow(notFound);
 * access.require(request.target());
 * entity.principal = access.principal().orElse(null);
 * </pre>
 */
@ApplicationScoped
public class TargetAccess {

    @Inject
    SecurityIdentity identity;

    /** Whether the current principal may use this target. An unauthenticated caller may use none. */
    public boolean allowed(String target) {
        return scope().allows(target);
    }

    /** Throws {@link TargetForbiddenException} unless the target is allowed. */
    public void require(String target) {
        if (!allowed(target)) {
            throw new TargetForbiddenException("The principal " + principal().map(p -> "'" + p + "' ").orElse("")
                    + "may not use target '" + target + "'", target);
        }
    }

    /** The name to record on plans and executions: {@code api-key:<id>}, a token's user name, or {@code anonymous}. */
    public Optional<String> principal() {
        return identity.isAnonymous() ? Optional.empty() : Optional.of(identity.getPrincipal().getName());
    }

    /** The current principal's targets; none for an unauthenticated caller. */
    public TargetScope scope() {
        if (identity.isAnonymous()) {
            return TargetScope.only(java.util.List.of());
        }
        TargetScope scope = identity.getAttribute(TargetScope.ATTRIBUTE);
        return scope == null ? TargetScope.ALL : scope;
    }
}
