package dev.safedelete.execute;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** The plan cannot be executed in its present state; refused before anything is locked. */
public class PlanNotExecutableException extends SafeDeleteException {

    public enum Reason { BLOCKED, EXPIRED, ALREADY_EXECUTED }

    private final Reason reason;

    public PlanNotExecutableException(Reason reason, String detail, Map<String, ?> facts) {
        super(detail, facts);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
