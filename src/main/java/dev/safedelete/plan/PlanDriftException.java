package dev.safedelete.plan;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** What a stored plan counted is no longer what the target holds: a new plan is needed. */
public class PlanDriftException extends SafeDeleteException {

    /** Whether the schema (a relationship the plan followed) or the data changed. */
    public enum Changed { SCHEMA, DATA }

    private final Changed changed;

    public PlanDriftException(Changed changed, String detail, Map<String, ?> facts) {
        super(detail, facts);
        this.changed = changed;
    }

    public Changed changed() {
        return changed;
    }
}
