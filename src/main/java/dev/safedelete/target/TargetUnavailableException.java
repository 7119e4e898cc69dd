package dev.safedelete.target;

import dev.safedelete.api.ProblemException;

import java.util.Map;

/** The target database cannot be reached (503); carries the reason the last check gave. */
public class TargetUnavailableException extends ProblemException {

    public TargetUnavailableException(String target, String reason) {
        super(503, "target-unavailable", "Target unavailable",
                "Target '" + target + "' cannot be reached: " + reason,
                Map.of("target", target));
    }
}
