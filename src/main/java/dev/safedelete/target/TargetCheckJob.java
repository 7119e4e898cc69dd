package dev.safedelete.target;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Re-checks every target periodically: a DOWN target recovers by itself, an UP one that fails shows in health. */
@ApplicationScoped
class TargetCheckJob {

    @Inject
    TargetRegistry registry;

    @Scheduled(every = "${safedelete.target-check-interval:10s}",
            delayed = "${safedelete.target-check-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkAll() {
        registry.checkAll();
    }
}
