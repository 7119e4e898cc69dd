package dev.safedelete.catalog;

import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialects;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;


/**
 * The databases the catalog tests run against: the PostgreSQL and MariaDB servers on this machine and H2 in
 * memory (folding names to upper case, its default, or to lower case). Each test makes its own uniquely named
 * schemas through {@link #newSchema()} and {@link #close()} drops them, so no test depends on leftovers.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind {
        POSTGRES("jdbc:postgresql://127.0.0.1:5432/test", "root", ""),
        MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", ""),
        H2("jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1", "sa", ""),
        H2_LOWER("jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", "sa", "");

        final String url;
        final String user;
        final String password;

        Kind(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }
    }

    public final Kind kind;
    private final String url;
    private final Connection admin;
    private final List<String> schemas = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    private TestDatabase(Kind kind, String url, Connection admin) {
        this.kind = kind;
        this.url = url;
        this.admin = admin;
    }

    /** Connects; a server that is not there fails the test (.ci/run starts both), it never skips it. */
    public static TestDatabase open(Kind kind) {
        var url = kind.url.contains("%s") ? kind.url.formatted("sd_cat_" + randomSuffix()) : kind.url;
        try {
            return new TestDatabase(kind, url, DriverManager.getConnection(url, kind.user, kind.password));
        } catch (SQLException e) {
            throw new AssertionError(kind + " is not reachable: " + e.getMessage(), e);
        }
    }

    public static String randomSuffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    public Connection connection() {
        return admin;
    }

    public Connection connectAs(String user, String password) throws SQLException {
        // only an admin may set DB_CLOSE_DELAY; the admin connection keeps an in-memory database open anyway
        return DriverManager.getConnection(url.replace(";DB_CLOSE_DELAY=-1", ""), user, password);
    }

    public Dialect dialect() {
        try {
            return Dialects.forProduct(admin.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public CatalogLoader loader() {
        return dialect().catalogLoader();
    }

    /** A fresh schema (a database on MariaDB) named {@code sd_cat_<random>}, spelled as the catalog will spell it. */
    public String newSchema() throws SQLException {
        return newSchema("sd_cat_" + randomSuffix());
    }

    public String newSchema(String name) throws SQLException {
        name = folded(name);
        execute((kind == Kind.MARIADB ? "create database " : "create schema ") + q(name));
        schemas.add(name);
        return name;
    }

    public String q(String identifier) {
        return dialect().quote(identifier);
    }

    /** The name as an unquoted identifier comes back from this database's catalog. */
    public String folded(String name) {
        return switch (kind) {
            case POSTGRES, H2_LOWER -> name.toLowerCase(Locale.ROOT);
            case H2 -> name.toUpperCase(Locale.ROOT);
            case MARIADB -> name;
        };
    }

    public void execute(String... statements) throws SQLException {
        try (var statement = admin.createStatement()) {
            for (var sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs after the schemas are dropped (roles and users a test created). */
    public void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    public Catalog load(List<String> schemaNames) throws SQLException {
        return loader().load(admin, schemaNames);
    }

    @Override
    public void close() throws SQLException {
        try {
            if (kind == Kind.MARIADB) {
                execute("set foreign_key_checks = 0"); // schemas reference each other across databases
            }
            for (var schema : schemas) {
                if (kind == Kind.POSTGRES) {
                    dropTablesInChunks(schema);
                }
                execute(switch (kind) {
                    case MARIADB -> "drop database if exists " + q(schema);
                    default -> "drop schema if exists " + q(schema) + " cascade";
                });
            }
            if (kind == Kind.H2 || kind == Kind.H2_LOWER) {
                execute("shutdown");
            }
        } finally {
            try {
                cleanups.forEach(Runnable::run);
            } finally {
                admin.close();
            }
        }
    }

    /**
     * One DROP SCHEMA of thousands of tables locks them all in one transaction and runs out of PostgreSQL's lock
     * table (max_locks_per_transaction): drop big schemas a hundred tables at a time.
     */
    private void dropTablesInChunks(String schema) throws SQLException {
        var tables = new ArrayList<String>();
        try (var statement = admin.prepareStatement(
                "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r', 'p') and not c.relispartition")) {
            statement.setString(1, schema);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(q(schema) + "." + q(rs.getString(1)));
                }
            }
        }
        for (int i = 0; i < tables.size(); i += 100) {
            execute("drop table if exists " + String.join(", ", tables.subList(i, Math.min(tables.size(), i + 100))) + " cascade");
        }
    }
}
