package dev.safedelete.target;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.MSSQLExceptionSorter;
import io.agroal.api.exceptionsorter.MySQLExceptionSorter;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/** Builds one Agroal pool for one target from its configuration. */
final class TargetPools {

    private TargetPools() {
    }

    static AgroalDataSource open(SafeDeleteConfig.TargetConfig config) throws SQLException {
        SafeDeleteConfig.Pool pool = config.pool();
        // A new supplier per pool: suppliers are mutable builders, sharing one would mix targets' settings.
        var supplier = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(p -> p
                        .maxSize(pool.maxSize())
                        .minSize(pool.minSize())
                        .initialSize(pool.minSize())
                        .acquisitionTimeout(pool.acquisitionTimeout())
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .validateOnBorrow(pool.validateOnBorrow())
                        .idleValidationTimeout(pool.idleValidation())
                        .validationTimeout(pool.validationInterval())
                        .reapTimeout(pool.idleRemoval())
                        .maxLifetime(pool.maxLifetime())
                        .leakTimeout(pool.leakDetection())
                        .exceptionSorter(exceptionSorterFor(config.jdbcUrl()))
                        .connectionFactoryConfiguration(f -> {
                            f.jdbcUrl(config.jdbcUrl()).loginTimeout(pool.loginTimeout()).autoCommit(true);
                            config.username().ifPresent(u -> f.principal(new NamePrincipal(u)));
                            config.password().ifPresent(pw -> f.credential(new SimplePassword(pw)));
                            return f;
                        }));
        return AgroalDataSource.from(supplier);
    }

    /**
     * Decides which SQL errors mean the physical connection is broken, so Agroal discards it instead of putting it
     * back in the pool. The vendor sorters know their error codes; SQLState class 08 and the JDBC "connection"
     * exception types cover every driver.
     */
    static ExceptionSorter exceptionSorterFor(String jdbcUrl) {
        ExceptionSorter vendor = vendorSorter(jdbcUrl);
        return e -> isConnectionFailure(e) || vendor.isFatal(e);
    }

    static boolean isConnectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static ExceptionSorter vendorSorter(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl;
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgreSQLExceptionSorter();
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MySQLExceptionSorter();
        }
        if (url.startsWith("jdbc:sqlserver:")) {
            return new MSSQLExceptionSorter();
        }
        return ExceptionSorter.emptyExceptionSorter();
    }
}
