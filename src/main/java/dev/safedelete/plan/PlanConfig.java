package dev.safedelete.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and defaults of planning and execution: {@code safedelete.plans.*}. */
@ConfigMapping(prefix = "safedelete.plans")
public interface PlanConfig {

    /** How long a plan can be executed after it was made. */
    @WithDefault("15M")
    Duration expiry();

    /** The most root keys one plan may name. */
    @WithDefault("1000")
    int maxKeys();

    /** Sample keys per tree node and blocker when the caller does not say. */
    @WithDefault("5")
    int defaultSampleSize();

    @WithDefault("100")
    int maxSampleSize();

    /** Over this many affected rows a plan is BLOCKED with reason LIMIT; the traversal stops there. */
    @WithDefault("5000000")
    long maxAffectedRows();

    /**
     * A leaf table's group of more deleted rows than this is counted by the database instead of listed, where the
     * database can (PostgreSQL, MariaDB): planning then never reads those keys, and execution deletes the rows by their
     * parents' keys and checks that their count and hash are the plan's. {@code /rows} then lists them live.
     */
    @WithDefault("10000")
    long tallyAbove();

    /** Each planning statement is cancelled past this. */
    @WithDefault("60S")
    Duration planningStatementTimeout();

    /** Each execution statement is cancelled past this (the transaction then rolls back: 503). */
    @WithDefault("300S")
    Duration executionStatementTimeout();

    /**
     * Whether an execution's delete phase may run with the database's foreign-key enforcement off
     * ({@code foreign_key_checks = 0} on MariaDB/MySQL, {@code session_replication_role = replica} on PostgreSQL), where
     * the database proves that sound for the plan at hand. {@code false} keeps enforcement on always.
     */
    @WithDefault("true")
    boolean relaxForeignKeyChecks();

    /** How long an execution waits for rows another transaction holds before answering 423. */
    @WithDefault("5S")
    Duration lockTimeout();

    /** The reading tree's shape; counts in {@code tables} are always complete. */
    @WithDefault("8")
    int treeDepth();

    @WithDefault("25")
    int treeWidth();

    @WithDefault("400")
    int treeNodes();
}
