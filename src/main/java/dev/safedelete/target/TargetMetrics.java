package dev.safedelete.target;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Per-target gauges on /q/metrics: whether the target is up, and its pool's use, so that an exhausted pool or a
 * flapping database shows on a dashboard before users notice.
 */
@ApplicationScoped
class TargetMetrics {

    @Inject
    TargetRegistry registry;

    @Inject
    MeterRegistry meters;

    void register(@Observes StartupEvent event) {
        for (Target target : registry.all()) {
            Gauge.builder("safedelete.target.up", target, t -> t.status().up() ? 1 : 0)
                    .description("1 when the target's last connection check succeeded")
                    .tag("target", target.name()).register(meters);
            Gauge.builder("safedelete.target.pool.active", target, t -> t.dataSource().getMetrics().activeCount())
                    .description("Connections of the target's pool in use")
                    .tag("target", target.name()).register(meters);
            Gauge.builder("safedelete.target.pool.available", target, t -> t.dataSource().getMetrics().availableCount())
                    .description("Idle connections of the target's pool")
                    .tag("target", target.name()).register(meters);
            Gauge.builder("safedelete.target.pool.awaiting", target, t -> t.dataSource().getMetrics().awaitingCount())
                    .description("Callers waiting for a connection of the target's pool")
                    .tag("target", target.name()).register(meters);
        }
    }
}
