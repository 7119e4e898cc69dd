package dev.safedelete.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL and MariaDB servers running on this machine (never mocks, never containers). Each test creates
 * its own uniquely named database and drops it afterwards, so runs do not see each other.
 */
public final class LocalDatabases {

    public static final String POSTGRES_HOST = "127.0.0.1";
    public static final int POSTGRES_PORT = 5432;
    public static final String POSTGRES_USER = "root";
    public static final String MARIADB_USER = "root";

    private LocalDatabases() {
    }

    /** A fresh name like {@code sd_test_3f9a1c2b}: lowercase so both servers keep it as written. */
    public static String uniqueName(String purpose) {
        return ("sd_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    public static String postgresUrl(String database) {
        return postgresUrl(POSTGRES_HOST, POSTGRES_PORT, database);
    }

    public static String postgresUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public static String mariaDbUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:3306/" + database;
    }

    public static void createPostgres(String database, List<String> statements) {
        run(postgresUrl("postgres"), POSTGRES_USER, List.of("CREATE DATABASE " + database));
        run(postgresUrl(database), POSTGRES_USER, statements);
    }

    public static void dropPostgres(String database) {
        // FORCE: the service under test may still hold pooled connections when the test ends.
        run(postgresUrl("postgres"), POSTGRES_USER, List.of("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
    }

    public static void createMariaDb(String database, List<String> statements) {
        run("jdbc:mariadb://127.0.0.1:3306/", MARIADB_USER, List.of("CREATE DATABASE " + database));
        run(mariaDbUrl(database), MARIADB_USER, statements);
    }

    public static void dropMariaDb(String database) {
        run("jdbc:mariadb://127.0.0.1:3306/", MARIADB_USER, List.of("DROP DATABASE IF EXISTS " + database));
    }

    private static void run(String url, String user, List<String> statements) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + statements + " on " + url + ": " + e.getMessage(), e);
        }
    }
}
