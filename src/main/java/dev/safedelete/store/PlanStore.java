package dev.safedelete.store;

import dev.safedelete.plan.PlanStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The service's own store of plans and executions. Each method is its own transaction (on the store database,
 * never on a target), so callers need no transaction of their own.
 */
@ApplicationScoped
public class PlanStore {

    @Inject
    EntityManager em;

    @Transactional
    public DeletePlanEntity savePlan(DeletePlanEntity plan) {
        em.persist(plan);
        return plan;
    }

    @Transactional
    public Optional<DeletePlanEntity> findPlan(UUID id) {
        return Optional.ofNullable(em.find(DeletePlanEntity.class, id));
    }

    /** Writes the changes made to a detached plan. */
    @Transactional
    public DeletePlanEntity updatePlan(DeletePlanEntity plan) {
        return em.merge(plan);
    }

    /**
     * Moves a plan from one status to another only if it is still in the expected one, atomically. This is what
     * makes a plan executed at most once: of two concurrent callers, one gets {@code true}.
     */
    @Transactional
    public boolean transitionPlan(UUID id, PlanStatus expectedStatus, PlanStatus newStatus) {
        return em.createQuery("update DeletePlanEntity p set p.status = :next, p.version = p.version + 1 "
                        + "where p.id = :id and p.status = :expected")
                .setParameter("next", newStatus)
                .setParameter("id", id)
                .setParameter("expected", expectedStatus)
                .executeUpdate() == 1;
    }

    /** Marks READY and BLOCKED plans whose time is up as EXPIRED; answers how many. */
    @Transactional
    public int expirePlans(Instant now) {
        return em.createQuery("update DeletePlanEntity p set p.status = :expired, p.version = p.version + 1 "
                        + "where p.status in :live and p.expiresAt < :now")
                .setParameter("expired", PlanStatus.EXPIRED)
                .setParameter("live", List.of(PlanStatus.READY, PlanStatus.BLOCKED))
                .setParameter("now", now)
                .executeUpdate();
    }

    @Transactional
    public ExecutionEntity saveExecution(ExecutionEntity execution) {
        em.persist(execution);
        return execution;
    }

    /** Writes the changes made to a detached execution (for example its end). */
    @Transactional
    public ExecutionEntity updateExecution(ExecutionEntity execution) {
        return em.merge(execution);
    }

    @Transactional
    public Optional<ExecutionEntity> findExecution(UUID id) {
        return Optional.ofNullable(em.find(ExecutionEntity.class, id));
    }

    /**
     * Executions newest first, optionally of one target, continuing after {@code after} when given.
     *
     * @param limit at most this many; ask for one more than the page size to know whether a next page exists
     */
    @Transactional
    public List<ExecutionEntity> listExecutions(Optional<String> target, Optional<ExecutionPage> after, int limit) {
        var jpql = new StringBuilder("select e from ExecutionEntity e where 1 = 1");
        target.ifPresent(t -> jpql.append(" and e.target = :target"));
        after.ifPresent(a -> jpql.append(" and (e.startedAt < :startedAt or (e.startedAt = :startedAt and e.id < :id))"));
        jpql.append(" order by e.startedAt desc, e.id desc");
        var query = em.createQuery(jpql.toString(), ExecutionEntity.class).setMaxResults(limit);
        target.ifPresent(t -> query.setParameter("target", t));
        after.ifPresent(a -> query.setParameter("startedAt", a.startedAt()).setParameter("id", a.id()));
        return query.getResultList();
    }
}
