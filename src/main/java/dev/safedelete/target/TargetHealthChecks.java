package dev.safedelete.target;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness check per target, named {@code target <name>}, reporting the last known status (no I/O in the
 * probe itself; {@link TargetCheckJob} keeps the status fresh).
 */
@ApplicationScoped
class TargetHealthChecks {

    @Inject
    TargetRegistry registry;

    @Inject
    @Readiness
    HealthRegistry readiness;

    void register(@Observes StartupEvent event) {
        for (Target target : registry.all()) {
            readiness.register("target " + target.name(), () -> response(target));
        }
    }

    static HealthCheckResponse response(Target target) {
        TargetStatus status = target.status();
        var builder = HealthCheckResponse.named("target " + target.name()).status(status.up())
                .withData("checkedAt", status.checkedAt().toString());
        if (status.product() != null) {
            builder.withData("product", status.product());
        }
        if (status.version() != null) {
            builder.withData("version", status.version());
        }
        if (status.reason() != null) {
            builder.withData("reason", status.reason());
        }
        return builder.build();
    }
}
