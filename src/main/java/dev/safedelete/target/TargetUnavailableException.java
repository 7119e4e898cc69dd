package dev.safedelete.target;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** The target database cannot be reached; carries the reason the last check gave. */
public class TargetUnavailableException extends SafeDeleteException {

    public TargetUnavailableException(String target, String reason) {
        super("Target '" + target + "' cannot be reached: " + reason, Map.of("target", target));
    }
}
