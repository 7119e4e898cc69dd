package dev.safedelete.execute;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;
import java.util.UUID;

/** No execution has this id, or none the principal may see. */
public class ExecutionNotFoundException extends SafeDeleteException {

    public ExecutionNotFoundException(UUID id) {
        super("No execution with id " + id, Map.of("executionId", id));
    }
}
