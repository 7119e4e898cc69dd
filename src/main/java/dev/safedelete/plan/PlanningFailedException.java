package dev.safedelete.plan;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** Planning could not finish on the target: a statement timed out, or the target refused a query. */
public class PlanningFailedException extends SafeDeleteException {

    public enum Reason { TIMEOUT, TARGET_ERROR }

    private final Reason reason;

    public PlanningFailedException(Reason reason, String detail, Map<String, ?> facts) {
        super(detail, facts);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
