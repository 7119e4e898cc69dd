package dev.safedelete.store;

import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionStatus;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.PlanStatus;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A store as the service left it at schema V2, before statuses and digests were typed: migrated by Flyway up to V2
 * only, with rows written by plain JDBC in that version's formats. The service then starts on it and migrates it to
 * the latest version, as an existing store is upgraded, and {@link StoreContract} reads the rows back.
 */
final class V2Rows {

    static final UUID READY_PLAN = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    static final UUID EXECUTED_PLAN = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    /** Its fingerprint is no digest object at all (a V1-era single hash): it must still read, with no digest. */
    static final UUID ODD_PLAN = UUID.fromString("00000000-0000-0000-0000-00000000a003");
    static final UUID COMMITTED_EXECUTION = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    static final UUID UNKNOWN_EXECUTION = UUID.fromString("00000000-0000-0000-0000-00000000b002");
    static final String TARGET = "v2-target";

    /** Its digests as V2 wrote them: {@code "table|OUTCOME": "rows:hash"}, a tally's hash marked {@code tally:}. */
    static final String READY_FINGERPRINT = "{\"public.customers|DELETE\":\"1:9f3a7c21b04d5e6f0123456789abcdef\","
            + "\"public.orders|SET_NULL\":\"12:00aa11bb22cc33dd44ee55ff66778899\","
            + "\"public.odd.name|DELETE\":\"2:abc\","
            + "\"public.events|DELETE\":\"1980:tally:1f2e3d4c5b6a\"}";
    static final List<GroupDigest> READY_DIGESTS = List.of(
            new GroupDigest(new TableName("public", "customers"), Outcome.DELETE, 1, "9f3a7c21b04d5e6f0123456789abcdef"),
            new GroupDigest(new TableName("public", "orders"), Outcome.SET_NULL, 12, "00aa11bb22cc33dd44ee55ff66778899"),
            new GroupDigest(new TableName("public", "odd.name"), Outcome.DELETE, 2, "abc"),
            new GroupDigest(new TableName("public", "events"), Outcome.DELETE, 1980, "tally:1f2e3d4c5b6a"));

    private V2Rows() {
    }

    static void seed(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("2")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            plan(c, READY_PLAN, PlanStatus.READY, READY_FINGERPRINT);
            plan(c, EXECUTED_PLAN, PlanStatus.EXECUTED, "{\"public.customers|DELETE\":\"1:0f\"}");
            plan(c, ODD_PLAN, PlanStatus.EXPIRED, "sha256:" + "cd".repeat(32));
            execution(c, COMMITTED_EXECUTION, ExecutionStatus.COMMITTED, 0);
            execution(c, UNKNOWN_EXECUTION, ExecutionStatus.UNKNOWN, 1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void plan(Connection c, UUID id, PlanStatus status, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delete_plan (id, target, table_name, keys_json, mode, "
                + "overrides_json, status, token_hash, created_at, expires_at, principal, plan_json, fingerprint, "
                + "version, affected_keys) VALUES (?, ?, 'public.customers', '[{\"id\":1}]', 'FOLLOW_RULES', NULL, ?, "
                + "'ab', ?, ?, 'alice', '{}', ?, 0, NULL)")) {
            ps.setObject(1, id);
            ps.setString(2, TARGET);
            ps.setString(3, status.name());
            ps.setObject(4, OffsetDateTime.of(2026, 1, 15, 9, 0, 0, 0, ZoneOffset.UTC));
            ps.setObject(5, OffsetDateTime.of(2999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
            ps.setString(6, fingerprint);
            ps.executeUpdate();
        }
    }

    private static void execution(Connection c, UUID id, ExecutionStatus status, int second) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO execution (id, plan_id, target, principal, "
                + "started_at, finished_at, status, counts_json, error) VALUES (?, ?, ?, 'alice', ?, ?, ?, NULL, NULL)")) {
            OffsetDateTime started = OffsetDateTime.of(2026, 1, 15, 9, 1, second, 0, ZoneOffset.UTC);
            ps.setObject(1, id);
            ps.setObject(2, EXECUTED_PLAN);
            ps.setString(3, TARGET);
            ps.setObject(4, started);
            ps.setObject(5, started.plusSeconds(1));
            ps.setString(6, status.name());
            ps.executeUpdate();
        }
    }
}
