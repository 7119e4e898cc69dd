package dev.safedelete.target;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured targets, each with its own pool, opened at start-up and closed at shutdown. A target that cannot
 * be reached does not stop the service: it is DOWN with the reason, and it comes back by itself through the
 * periodic check ({@code safedelete.target-check-interval}) or the re-check a caller triggers.
 */
@Startup
@ApplicationScoped
public class TargetRegistry {

    /** The name of the built-in demo target (an in-memory H2 shop). */
    public static final String DEMO = "demo";

    private static final Logger LOG = Logger.getLogger(TargetRegistry.class);

    @Inject
    SafeDeleteConfig config;

    private Map<String, Target> targets = Map.of();
    private ExecutorService checks;

    @PostConstruct
    void open() {
        var opened = new TreeMap<String, Target>();
        for (var entry : config.targets().entrySet()) {
            String name = entry.getKey();
            if (DEMO.equals(name) && !config.demo().enabled()) {
                LOG.info("The demo target is disabled (safedelete.demo.enabled=false)");
                continue;
            }
            try {
                opened.put(name, new Target(name, entry.getValue(), TargetPools.open(entry.getValue()), Clock.systemUTC()));
            } catch (SQLException | RuntimeException e) {
                // Only a configuration error gets here (the pool connects lazily): fail loudly with the target named.
                opened.values().forEach(Target::close);
                throw new IllegalStateException("Cannot build the connection pool of target '" + name + "': " + e.getMessage(), e);
            }
        }
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(opened));
        var threadNumber = new AtomicInteger();
        checks = Executors.newFixedThreadPool(Math.max(1, Math.min(4, targets.size())), r -> {
            Thread t = new Thread(r, "safedelete-target-check-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        checkAll();
        LOG.infof("Targets: %s", targets.values());
    }

    @PreDestroy
    void close() {
        checks.shutdownNow();
        for (Target target : targets.values()) {
            try {
                target.close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Closing the pool of target %s failed", target.name());
            }
        }
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(name == null ? null : targets.get(name));
    }

    /** The target of that name; for every operation on {@code /targets/{target}} or on a plan of a target. */
    public Target require(String name) {
        return find(name).orElseThrow(() -> new UnknownTargetException(name));
    }

    /** Every target, sorted by name. */
    public List<Target> all() {
        return List.copyOf(targets.values());
    }

    /** Checks every target now, in parallel, and waits for all of them (each bounded by its acquisition timeout). */
    public void checkAll() {
        var running = new ArrayList<CompletableFuture<TargetStatus>>();
        for (Target target : targets.values()) {
            running.add(CompletableFuture.supplyAsync(target::check, checks));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }
}
