package dev.safedelete.store;

import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionStatus;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.PlanStatus;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the store must do on every database it supports; one subclass per database. */
abstract class StoreContract {

    @Inject
    PlanStore store;

    @Test
    void aPlanWithALargeDocumentRoundTrips() {
        String bigDocument = "{\"rows\":[" + "{\"id\":123456789},".repeat(150_000) + "{\"id\":0}]}";
        DeletePlanEntity saved = store.savePlan(plan("shop", bigDocument, Instant.now().plus(1, ChronoUnit.HOURS)));

        DeletePlanEntity read = store.findPlan(saved.id).orElseThrow();
        assertEquals(bigDocument.length(), read.planJson.length(), "a document over 2 MB is kept whole");
        assertEquals(bigDocument, read.planJson);
        assertEquals("public.customers", read.tableName);
        assertEquals("[{\"id\":1001}]", read.keysJson);
        assertEquals("{\"public.orders.orders_customer_id_fkey\":\"SET_NULL\"}", read.overridesJson);
        assertEquals(saved.createdAt.truncatedTo(ChronoUnit.MILLIS), read.createdAt.truncatedTo(ChronoUnit.MILLIS));
        assertTrue(store.findPlan(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aPlanLeavesReadyOnlyOnce() {
        DeletePlanEntity saved = store.savePlan(plan("shop", "{}", Instant.now().plus(1, ChronoUnit.HOURS)));
        assertTrue(store.transitionPlan(saved.id, PlanStatus.READY, PlanStatus.EXECUTED));
        assertFalse(store.transitionPlan(saved.id, PlanStatus.READY, PlanStatus.EXECUTED), "the second caller loses");
        assertEquals(PlanStatus.EXECUTED, store.findPlan(saved.id).orElseThrow().status);
    }

    @Test
    void expiredPlansAreMarked() {
        DeletePlanEntity old = store.savePlan(plan("shop", "{}", Instant.now().minus(1, ChronoUnit.MINUTES)));
        DeletePlanEntity fresh = store.savePlan(plan("shop", "{}", Instant.now().plus(1, ChronoUnit.HOURS)));
        assertTrue(store.expirePlans(Instant.now()) >= 1);
        assertEquals(PlanStatus.EXPIRED, store.findPlan(old.id).orElseThrow().status);
        assertEquals(PlanStatus.READY, store.findPlan(fresh.id).orElseThrow().status);
    }

    @Test
    void executionsArePagedNewestFirstPerTarget() {
        String target = "t-" + UUID.randomUUID();
        DeletePlanEntity plan = store.savePlan(plan(target, "{}", Instant.now().plus(1, ChronoUnit.HOURS)));
        Instant t0 = Instant.parse("2026-01-15T09:00:00Z");
        for (int i = 0; i < 5; i++) {
            ExecutionEntity e = new ExecutionEntity();
            e.id = UUID.randomUUID();
            e.planId = plan.id;
            e.target = target;
            e.principal = "alice";
            e.startedAt = t0.plusSeconds(i);
            e.status = ExecutionStatus.RUNNING;
            store.saveExecution(e);
            e.finishedAt = e.startedAt.plusMillis(250);
            e.status = i == 2 ? ExecutionStatus.ROLLED_BACK : ExecutionStatus.COMMITTED;
            e.countsJson = "[{\"table\":\"public.orders\",\"action\":\"DELETE\",\"rows\":" + i + "}]";
            e.error = i == 2 ? "the data changed since the preview" : null;
            store.updateExecution(e);
        }
        List<ExecutionEntity> first = store.listExecutions(Optional.of(target), Optional.empty(), 3);
        assertEquals(List.of(t0.plusSeconds(4), t0.plusSeconds(3), t0.plusSeconds(2)),
                first.stream().map(e -> e.startedAt).toList());
        ExecutionEntity last = first.get(2);
        List<ExecutionEntity> second = store.listExecutions(Optional.of(target),
                Optional.of(new ExecutionPage(last.startedAt, last.id)), 3);
        assertEquals(List.of(t0.plusSeconds(1), t0), second.stream().map(e -> e.startedAt).toList());

        ExecutionEntity rolledBack = store.findExecution(last.id).orElseThrow();
        assertEquals(ExecutionStatus.ROLLED_BACK, rolledBack.status);
        assertEquals("the data changed since the preview", rolledBack.error);
        assertEquals(t0.plusSeconds(2).plusMillis(250), rolledBack.finishedAt);
        assertTrue(store.listExecutions(Optional.of("no-such-target"), Optional.empty(), 10).isEmpty());
    }

    @Test
    void rowsWrittenAtV2ReadTypedAfterTheMigration() {
        DeletePlanEntity ready = store.findPlan(V2Rows.READY_PLAN).orElseThrow();
        assertEquals(PlanStatus.READY, ready.status);
        assertEquals(V2Rows.READY_DIGESTS, ready.digests, "table, outcome, rows and hash of every group, in order");
        assertEquals(PlanStatus.EXECUTED, store.findPlan(V2Rows.EXECUTED_PLAN).orElseThrow().status);
        DeletePlanEntity odd = store.findPlan(V2Rows.ODD_PLAN).orElseThrow();
        assertEquals(PlanStatus.EXPIRED, odd.status);
        assertEquals(List.of(), odd.digests, "no digest to read: an execution would see drift, never run unchecked");

        assertEquals(ExecutionStatus.UNKNOWN, store.findExecution(V2Rows.UNKNOWN_EXECUTION).orElseThrow().status);
        assertEquals(List.of(ExecutionStatus.UNKNOWN, ExecutionStatus.COMMITTED),
                store.listExecutions(Optional.of(V2Rows.TARGET), Optional.empty(), 10).stream().map(e -> e.status)
                        .toList());
        assertTrue(store.transitionPlan(V2Rows.READY_PLAN, PlanStatus.READY, PlanStatus.EXECUTING),
                "a migrated plan moves on like a new one");
    }

    @Test
    void digestsRoundTripAsRecords() {
        DeletePlanEntity saved = store.savePlan(plan("shop", "{}", Instant.now().plus(1, ChronoUnit.HOURS)));
        assertEquals(DIGESTS, store.findPlan(saved.id).orElseThrow().digests);
    }

    static final List<GroupDigest> DIGESTS = List.of(
            new GroupDigest(new TableName("public", "customers"), Outcome.DELETE, 1, "cd".repeat(16)),
            new GroupDigest(new TableName(null, "events"), Outcome.DELETE, 1980, "tally:ff"));

    static DeletePlanEntity plan(String target, String document, Instant expiresAt) {
        DeletePlanEntity p = new DeletePlanEntity();
        p.id = UUID.randomUUID();
        p.target = target;
        p.tableName = "public.customers";
        p.keysJson = "[{\"id\":1001}]";
        p.mode = "FOLLOW_RULES";
        p.overridesJson = "{\"public.orders.orders_customer_id_fkey\":\"SET_NULL\"}";
        p.status = PlanStatus.READY;
        p.tokenHash = "sha256:" + "ab".repeat(32);
        p.createdAt = Instant.now();
        p.expiresAt = expiresAt;
        p.principal = "alice";
        p.planJson = document;
        p.digests = DIGESTS;
        return p;
    }
}
