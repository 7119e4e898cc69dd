package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.H2CatalogLoader;

public class H2Dialect extends QuotingDialect {

    public H2Dialect() {
        super("\"", "\"");
    }

    @Override
    public String name() {
        return "h2";
    }

    /** H2 checks a deleted row's references at once, itself included, and cannot relax checks for one session. */
    @Override
    public boolean refusesSelfReferencingDelete() {
        return true;
    }

    @Override
    public java.util.List<String> lockTimeout(java.time.Duration timeout) {
        return java.util.List.of("SET LOCK_TIMEOUT " + timeout.toMillis());
    }

    @Override
    public java.util.List<String> resetLockTimeout() {
        return java.util.List.of("SET LOCK_TIMEOUT 10000");
    }

    @Override
    public FailureKind classify(java.sql.SQLException e) {
        return switch (e.getErrorCode()) {
            case 50200 -> FailureKind.LOCK_TIMEOUT;
            case 57014 -> FailureKind.STATEMENT_TIMEOUT;
            default -> super.classify(e);
        };
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new H2CatalogLoader();
    }
}
