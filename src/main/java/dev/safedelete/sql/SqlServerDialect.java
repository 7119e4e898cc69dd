package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.SqlServerCatalogLoader;

public class SqlServerDialect extends QuotingDialect {

    public SqlServerDialect() {
        super("[", "]");
    }

    @Override
    public String name() {
        return "sqlserver";
    }

    @Override
    public java.util.List<String> nativeDeleteCaveats(NativeDeleteFacts facts) {
        return facts.multiplePathTables().stream().map(t -> (t + " is reached by more than one cascade path: SQL Server "
                + "does not allow multiple cascade paths (error 1785), so its own DELETE cannot do this in one "
                + "statement; SafeDelete deletes children first")).toList();
    }

    @Override
    public java.util.List<String> lockTimeout(java.time.Duration timeout) {
        return java.util.List.of("SET LOCK_TIMEOUT " + timeout.toMillis());
    }

    @Override
    public java.util.List<String> resetLockTimeout() {
        return java.util.List.of("SET LOCK_TIMEOUT -1");
    }

    @Override
    public FailureKind classify(java.sql.SQLException e) {
        return e.getErrorCode() == 1222 ? FailureKind.LOCK_TIMEOUT : super.classify(e);
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new SqlServerCatalogLoader();
    }
}
