package dev.safedelete.target;

import dev.safedelete.catalog.DeclaredRelationship;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialects;
import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configured target database: its settings, its connection pool, and what the last connection check found.
 * The settings never change while the service runs; the status and the dialect are learned by {@link #check()}.
 */
public final class Target {

    private static final Logger LOG = Logger.getLogger(Target.class);

    private final String name;
    private final String jdbcUrl;
    private final boolean readOnly;
    private final List<String> schemas;
    private final List<String> protectedTables;
    private final List<DeclaredRelationship> declaredRelationships;
    private final AgroalDataSource dataSource;
    private final int validationSeconds;
    private final Clock clock;

    private volatile TargetStatus status = TargetStatus.notChecked();
    private volatile Dialect dialect;

    Target(String name, SafeDeleteConfig.TargetConfig config, AgroalDataSource dataSource, Clock clock) {
        this.name = name;
        this.jdbcUrl = config.jdbcUrl();
        this.readOnly = config.readOnly();
        this.schemas = config.schemas().map(Target::trimmed).orElse(List.of());
        this.protectedTables = config.protectedTables().map(Target::trimmed).orElse(List.of());
        this.declaredRelationships = config.declaredRelationships().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new DeclaredRelationship(e.getKey(),
                        e.getValue().childTable(), trimmed(e.getValue().childColumns()),
                        e.getValue().parentTable(), trimmed(e.getValue().parentColumns()),
                        e.getValue().onDelete(), e.getValue().onUpdate()))
                .toList();
        this.dataSource = dataSource;
        this.validationSeconds = (int) Math.max(1, config.pool().acquisitionTimeout().toSeconds());
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL as configured; it may carry options but never the password (that is a separate key). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The schemas that make up the target; empty means every non-system schema. */
    public List<String> schemas() {
        return schemas;
    }

    public List<String> protectedTables() {
        return protectedTables;
    }

    /** Relationships from configuration, as written there (not validated against the catalog). */
    public List<DeclaredRelationship> declaredRelationships() {
        return declaredRelationships;
    }

    /**
     * The target's pool. Connections are validated when borrowed, and ones that failed with a connection error are
     * discarded, so a connection from here is alive when handed out; callers still must expect SQLExceptions.
     */
    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /** Borrows a connection from the pool (auto-commit on; callers manage transactions themselves). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The last known status; cheap, no I/O. */
    public TargetStatus status() {
        return status;
    }

    /** The dialect, known once the target has been reached at least once. */
    public Optional<Dialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    /**
     * The dialect of a target that is UP now. A target last seen DOWN is checked again first (a lazy re-check), so a
     * caller never waits for the periodic check after the database came back.
     *
     * @throws TargetUnavailableException when the target still cannot be reached
     */
    public Dialect requireDialect() {
        if (!status.up() || dialect == null) {
            check();
        }
        TargetStatus now = status;
        Dialect known = dialect;
        if (!now.up() || known == null) {
            throw new TargetUnavailableException(name, now.reason());
        }
        return known;
    }

    /**
     * Connects now and records the outcome. Synchronized so that the periodic check and a request's re-check do
     * not race to log the same transition twice.
     */
    public synchronized TargetStatus check() {
        TargetStatus before = status;
        TargetStatus after;
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(validationSeconds)) {
                throw new SQLException("the connection did not answer a validation request", "08000");
            }
            var metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName();
            if (dialect == null) {
                dialect = Dialects.forProduct(product);
            }
            after = TargetStatus.up(product, metaData.getDatabaseProductVersion(), clock.instant());
        } catch (SQLException | RuntimeException e) {
            // Idle connections may be just as dead as the one that failed: have the pool validate and drop them now
            // rather than hand them out one by one.
            dataSource.flush(AgroalDataSource.FlushMode.INVALID);
            after = before.down(describe(e), clock.instant());
        }
        status = after;
        logTransition(before, after);
        return after;
    }

    void close() {
        dataSource.close();
    }

    private void logTransition(TargetStatus before, TargetStatus after) {
        if (after.up() && !before.up()) {
            LOG.infof("Target %s is UP: %s %s", name, after.product(), after.version());
        } else if (!after.up() && (before.up() || before.checkedAt().equals(java.time.Instant.EPOCH))) {
            LOG.warnf("Target %s is DOWN: %s", name, after.reason());
        }
    }

    /** The failure as one line: the outermost message plus the root cause, which usually says what really happened. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = messageOf(e);
        if (root == e) {
            return outer;
        }
        String inner = messageOf(root);
        return outer.contains(inner) ? outer : outer + " (cause: " + inner + ")";
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "Target[" + name + ", " + status.state() + "]";
    }
}
