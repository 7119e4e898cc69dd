package dev.safedelete.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code safedelete.security.*}: who may call {@code /api/**}. A mapping of its own next to
 * {@link dev.safedelete.target.SafeDeleteConfig}, so these keys are known (a misspelt one still fails start-up).
 * JWT verification itself is configured with the standard {@code mp.jwt.verify.*} keys.
 */
@ConfigMapping(prefix = "safedelete.security")
public interface SecurityConfig {

    /**
     * Off, every request is served as the principal {@code anonymous} with every role: for a service reachable
     * only by trusted callers (behind a gateway that authenticates), never on a shared network.
     */
    @WithDefault("true")
    boolean enabled();

    /** {@code api-keys.<id>.*}: static keys for machines and the demo; {@code <id>} names the principal. */
    Map<String, ApiKeyConfig> apiKeys();

    Jwt jwt();

    interface ApiKeyConfig {

        /** The key itself. Prefer {@link #keySha256()} so that configuration holds no usable secret. */
        Optional<String> key();

        /** Lower-case or upper-case hex SHA-256 of the key's UTF-8 bytes ({@code printf %s KEY | sha256sum}). */
        Optional<String> keySha256();

        /** Comma list of {@code viewer}, {@code planner}, {@code executor}, {@code admin}. */
        List<String> roles();

        /** Comma list of target names the key may use; absent: every target. */
        Optional<List<String>> targets();
    }

    interface Jwt {

        /**
         * Claim holding the roles, a JSON array or a space- or comma-separated string; a dotted path reaches into
         * nested objects ({@code realm_access.roles} for Keycloak). Absent: the standard {@code groups} claim (or
         * whatever {@code smallrye.jwt.path.groups} names).
         */
        Optional<String> rolesClaim();

        /** Claim holding the targets the token may use (same shapes as roles); a token without it may use all. */
        Optional<String> targetsClaim();
    }
}
