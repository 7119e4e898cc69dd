package dev.safedelete.security;

import dev.safedelete.target.TargetRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Checks the security configuration at start-up (the key list is built now, so a bad key fails start-up rather
 * than the first request) and says what it means: a service nobody can call, one everybody can, the dev key.
 */
@ApplicationScoped
class SecurityStartup {

    private static final Logger LOG = Logger.getLogger(SecurityStartup.class);

    /** The key the dev profile configures, printed so that Swagger UI can be used at once. */
    static final String DEV_KEY_ID = "dev-admin";

    @Inject
    SecurityConfig config;

    @Inject
    ApiKeys keys;

    @Inject
    TargetRegistry targets;

    @Inject
    Config rawConfig;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("safedelete.security.enabled=false: every caller of /api is 'anonymous' with every role. "
                    + "Only for a service that a trusted gateway authenticates for.");
            return;
        }
        boolean jwt = rawConfig.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent()
                || rawConfig.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
        if (keys.isEmpty() && !jwt) {
            LOG.warn("No API key (safedelete.security.api-keys.<id>.*) and no identity provider (mp.jwt.verify.*) "
                    + "is configured: every request to /api will be refused with 401. See the README, Security.");
        }
        LOG.infof("API keys: %s; JWT bearer tokens: %s", keys.ids(), jwt ? "verified" : "not configured");
        keys.all().forEach(this::warnAboutUnknownTargets);
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            rawConfig.getOptionalValue("safedelete.security.api-keys." + DEV_KEY_ID + ".key", String.class)
                    .ifPresent(key -> LOG.infof("Dev mode admin API key: %s  (Swagger UI: press Authorize and paste "
                            + "it; curl: -H 'Authorization: Bearer %s')", key, key));
        }
    }

    private void warnAboutUnknownTargets(ApiKey key) {
        key.targets().names().stream().filter(name -> targets.find(name).isEmpty()).forEach(name ->
                LOG.warnf("API key '%s' names target '%s', which is not configured", key.id(), name));
    }
}
