package dev.safedelete.testdb;

import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialects;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A uniquely named, empty schema (a database on MariaDB) on one of the real servers, dropped on close. Tests build
 * what they need in it and never depend on what another run left behind.
 */
public final class ScratchDatabase implements AutoCloseable {

    public enum Kind { POSTGRESQL, MARIADB, H2 }

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";

    private final Kind kind;
    private final String schema;
    private final String url;
    private final String user;

    private ScratchDatabase(Kind kind, String schema, String url, String user) {
        this.kind = kind;
        this.schema = schema;
        this.url = url;
        this.user = user;
    }

    public static ScratchDatabase create(Kind kind) {
        String name = "sd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            switch (kind) {
                case POSTGRESQL -> {
                    try (Connection c = DriverManager.getConnection(PG_URL, "root", ""); Statement s = c.createStatement()) {
                        s.execute("CREATE SCHEMA " + name);
                    }
                    return new ScratchDatabase(kind, name, PG_URL + "?currentSchema=" + name, "root");
                }
                case MARIADB -> {
                    try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", ""); Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                    return new ScratchDatabase(kind, name, MARIADB_URL + name, "root");
                }
                case H2 -> {
                    return new ScratchDatabase(kind, "PUBLIC",
                            "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
                }
                default -> throw new IllegalArgumentException(kind.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create scratch database on " + kind, e);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The schema tables live in: the database name on MariaDB. */
    public String schema() {
        return schema;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** A data source handing out new connections to this database, as a target's pool would. */
    public javax.sql.DataSource dataSource() {
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
                    ds.setPassword("");
                    yield ds;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            case H2 -> {
                var ds = new org.h2.jdbcx.JdbcDataSource();
                ds.setURL(url);
                ds.setUser(user);
                yield ds;
            }
        };
    }

    public Dialect dialect() {
        try (Connection c = connect()) {
            return Dialects.forProduct(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements separated by ';' at line ends. */
    public void execute(String script) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql.strip().replaceAll(";$", ""));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            switch (kind) {
                case POSTGRESQL -> {
                    try (Connection c = DriverManager.getConnection(PG_URL, "root", ""); Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                }
                case MARIADB -> {
                    try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", ""); Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE " + schema);
                    }
                }
                case H2 -> {
                    try (Connection c = connect(); Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop scratch database " + schema, e);
        }
    }

    @Override
    public String toString() {
        return kind.toString().toLowerCase(Locale.ROOT) + ":" + schema;
    }
}
