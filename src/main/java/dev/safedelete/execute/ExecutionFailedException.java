package dev.safedelete.execute;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** An execution that started and failed, recorded in the audit trail; {@code kind} says how it ended. */
public class ExecutionFailedException extends SafeDeleteException {

    private final ExecutionFailure.Kind kind;

    public ExecutionFailedException(ExecutionFailure.Kind kind, String detail, Map<String, ?> facts) {
        super(detail, facts);
        this.kind = kind;
    }

    public ExecutionFailure.Kind kind() {
        return kind;
    }
}
