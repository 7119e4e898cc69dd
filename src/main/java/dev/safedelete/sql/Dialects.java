package dev.safedelete.sql;

import java.util.Locale;

/** Picks the dialect for a JDBC connection from the product name the driver reports. */
public final class Dialects {

    private Dialects() {
    }

    public static Dialect forProduct(String databaseProductName) {
        String p = databaseProductName == null ? "" : databaseProductName.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return new MariaDbDialect();
        }
        if (p.equals("h2")) {
            return new H2Dialect();
        }
        if (p.contains("microsoft sql server")) {
            return new SqlServerDialect();
        }
        return new GenericDialect();
    }
}
