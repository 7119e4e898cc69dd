package dev.safedelete.target;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** The target is configured read-only: plans may be made on it, never executed. */
public class TargetReadOnlyException extends SafeDeleteException {

    public TargetReadOnlyException(String target) {
        super("target " + target + " is configured read-only: plans may be made, not executed",
                Map.of("target", target));
    }
}
