package dev.safedelete.testdb;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialects;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The one real-database fixture of the tests: a uniquely named, empty scratch schema on one of the databases the
 * tests run against, dropped on close, so no test depends on what another run left behind. The servers are the
 * PostgreSQL (127.0.0.1:5432, user root, trust, database {@code test}) and MariaDB (127.0.0.1:3306, root, no
 * password) running on this machine, never mocks or containers, and H2 in memory. A server that is not there fails
 * the test (.ci/run starts both); it never skips it.
 * <ul>
 *     <li>{@link #create(Kind)}: a schema in database {@code test} on PostgreSQL, a database on MariaDB, a database
 *     of its own in memory on H2 (schema PUBLIC);</li>
 *     <li>{@link #ownDatabase(Kind)}: on PostgreSQL a whole database of its own (schema {@code public}), for a
 *     service that is configured with it as a target or a store; elsewhere the same as {@link #create(Kind)}.</li>
 * </ul>
 * Further schemas ({@link #newSchema()}) and whatever a test registers with {@link #onClose(Runnable)} go with it.
 */
public final class ScratchDatabase implements AutoCloseable {

    public enum Kind {
        POSTGRESQL,
        MARIADB,
        H2,
        /** H2 folding unquoted names to lower case (DATABASE_TO_LOWER) instead of its default upper case. */
        H2_LOWER;

        public boolean isH2() {
            return this == H2 || this == H2_LOWER;
        }
    }

    private static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String POSTGRES_DATABASE = "test";
    private static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String PASSWORD = "";

    private final Kind kind;
    /** The scratch schema (PostgreSQL), database (MariaDB, PostgreSQL's own database) or in-memory database (H2). */
    private final String name;
    private final boolean ownDatabase;
    private final String url;
    private final String user;
    private final List<String> schemas = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private Connection connection;
    private Dialect dialect;

    private ScratchDatabase(Kind kind, String name, boolean ownDatabase, String url, String user) {
        this.kind = kind;
        this.name = name;
        this.ownDatabase = ownDatabase;
        this.url = url;
        this.user = user;
    }

    /** A scratch schema: a schema on PostgreSQL, a database on MariaDB, an in-memory database on H2. */
    public static ScratchDatabase create(Kind kind) {
        return create(kind, false);
    }

    /** A scratch database of its own, with its default schema ({@code public}) on PostgreSQL. */
    public static ScratchDatabase ownDatabase(Kind kind) {
        return create(kind, true);
    }

    private static ScratchDatabase create(Kind kind, boolean ownDatabase) {
        String name = uniqueName("sd");
        try {
            return switch (kind) {
                case POSTGRESQL -> {
                    if (ownDatabase) {
                        run(POSTGRES_SERVER + "postgres", "root", "CREATE DATABASE " + name);
                        yield new ScratchDatabase(kind, name, true, POSTGRES_SERVER + name, "root");
                    }
                    run(POSTGRES_SERVER + POSTGRES_DATABASE, "root", "CREATE SCHEMA " + name);
                    yield new ScratchDatabase(kind, name, false,
                            POSTGRES_SERVER + POSTGRES_DATABASE + "?currentSchema=" + name, "root");
                }
                case MARIADB -> {
                    run(MARIADB_SERVER, "root", "CREATE DATABASE " + name);
                    yield new ScratchDatabase(kind, name, ownDatabase, MARIADB_SERVER + name, "root");
                }
                case H2 -> new ScratchDatabase(kind, name, ownDatabase, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
                case H2_LOWER -> new ScratchDatabase(kind, name, ownDatabase,
                        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", "sa");
            };
        } catch (SQLException e) {
            throw new AssertionError("cannot create a scratch database on " + kind + ": " + e.getMessage(), e);
        }
    }

    /** A fresh name like {@code sd_3f9a1c2b40de}: lower case, so every database keeps it as written. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** An administrator's connection to the server itself, outside any scratch schema (for roles and users). */
    public static Connection connectToServer(Kind kind) throws SQLException {
        return switch (kind) {
            case POSTGRESQL -> DriverManager.getConnection(POSTGRES_SERVER + POSTGRES_DATABASE, "root", PASSWORD);
            case MARIADB -> DriverManager.getConnection(MARIADB_SERVER, "root", PASSWORD);
            case H2, H2_LOWER -> throw new IllegalArgumentException("an H2 database is in memory, with no server: " + kind);
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The schema tables live in: the database name on MariaDB, {@code public} in PostgreSQL's own database. */
    public String schema() {
        return switch (kind) {
            case POSTGRESQL -> ownDatabase ? "public" : name;
            case MARIADB -> name;
            case H2 -> "PUBLIC";
            case H2_LOWER -> "public";
        };
    }

    /** A JDBC URL to this database with the scratch schema as the default one. */
    public String url() {
        return url;
    }

    /** The same URL through another port on this machine (a forwarder in front of the server). */
    public String urlThroughPort(int port) {
        return url.replaceFirst("//127\\.0\\.0\\.1:\\d+/", "//127.0.0.1:" + port + "/");
    }

    public String user() {
        return user;
    }

    public String password() {
        return PASSWORD;
    }

    /** A new connection, the caller's to close. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, PASSWORD);
    }

    /**
     * A new connection as another user. On MariaDB it names no database, so a user granted rights on other schemas
     * only may connect too.
     */
    public Connection connectAs(String user, String password) throws SQLException {
        // only an admin may set DB_CLOSE_DELAY; the fixture's own connection keeps an in-memory database open anyway
        return DriverManager.getConnection(kind == Kind.MARIADB ? MARIADB_SERVER : url.replace(";DB_CLOSE_DELAY=-1", ""),
                user, password);
    }

    /** The fixture's own connection (auto-commit), open until {@link #close()}. */
    public Connection connection() {
        try {
            if (connection == null) {
                connection = connect();
            }
            return connection;
        } catch (SQLException e) {
            throw new AssertionError(this + " is not reachable: " + e.getMessage(), e);
        }
    }

    /** A data source handing out new connections to this database, as a target's pool would. */
    public DataSource dataSource() {
        return switch (kind) {
            case POSTGRESQL -> {
                var ds = new org.postgresql.ds.PGSimpleDataSource();
                ds.setUrl(url);
                ds.setUser(user);
                yield ds;
            }
            case MARIADB -> {
                try {
                    var ds = new org.mariadb.jdbc.MariaDbDataSource(url);
                    ds.setUser(user);
                    ds.setPassword(PASSWORD);
                    yield ds;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            case H2, H2_LOWER -> {
                var ds = new org.h2.jdbcx.JdbcDataSource();
                ds.setURL(url);
                ds.setUser(user);
                yield ds;
            }
        };
    }

    public Dialect dialect() {
        if (dialect == null) {
            try {
                dialect = Dialects.forProduct(connection().getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dialect;
    }

    public CatalogLoader loader() {
        return dialect().catalogLoader();
    }

    /** The catalog of these schemas as the dialect's loader reads it through the fixture's connection. */
    public Catalog load(List<String> schemaNames) throws SQLException {
        return loader().load(connection(), schemaNames);
    }

    /**
     * Runs statements on the fixture's connection; each argument may hold several, separated by ';' at line ends.
     */
    public void execute(String... statements) {
        try (Statement s = connection().createStatement()) {
            for (String script : statements) {
                for (String sql : script.split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql.strip().replaceAll(";$", ""));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Another schema (a database on MariaDB) named {@code sd_cat_<random>}, dropped on close. */
    public String newSchema() {
        return newSchema(uniqueName("sd_cat"));
    }

    /** Another schema, spelled as the catalog will spell it, dropped on close. */
    public String newSchema(String name) {
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
            case POSTGRESQL, H2_LOWER -> name.toLowerCase(Locale.ROOT);
            case H2 -> name.toUpperCase(Locale.ROOT);
            case MARIADB -> name;
        };
    }

    /** Runs on close, after the schemas are dropped (roles and users a test created). */
    public void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    @Override
    public void close() {
        try {
            dropSchemas();
            cleanups.forEach(Runnable::run);
            if (kind.isH2()) {
                execute("shutdown");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + this + ": " + e.getMessage(), e);
        } finally {
            closeConnection();
        }
        if (kind == Kind.POSTGRESQL && ownDatabase) {
            try {
                // FORCE: a service under test may still hold pooled connections
                run(POSTGRES_SERVER + "postgres", "root", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop " + this + ": " + e.getMessage(), e);
            }
        }
    }

    private void dropSchemas() throws SQLException {
        var dropped = new ArrayList<>(schemas);
        if (kind == Kind.MARIADB || (kind == Kind.POSTGRESQL && !ownDatabase)) {
            dropped.add(name);
        }
        if (dropped.isEmpty()) {
            return;
        }
        if (kind == Kind.MARIADB) {
            execute("set foreign_key_checks = 0"); // schemas may reference each other across databases
        }
        for (var schema : dropped) {
            if (kind == Kind.POSTGRESQL) {
                dropTablesInChunks(schema);
            }
            execute(kind == Kind.MARIADB ? "drop database if exists " + q(schema)
                    : "drop schema if exists " + q(schema) + " cascade");
        }
    }

    /**
     * One DROP SCHEMA of thousands of tables locks them all in one transaction and runs out of PostgreSQL's lock
     * table (max_locks_per_transaction): drop big schemas a hundred tables at a time.
     */
    private void dropTablesInChunks(String schema) throws SQLException {
        var tables = new ArrayList<String>();
        try (var statement = connection().prepareStatement(
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

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // an H2 database closed by SHUTDOWN closed it already
            }
            connection = null;
        }
    }

    private static void run(String url, String user, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String toString() {
        return kind.toString().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
