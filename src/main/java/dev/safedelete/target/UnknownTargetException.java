package dev.safedelete.target;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** No target has this name. */
public class UnknownTargetException extends SafeDeleteException {

    public UnknownTargetException(String target) {
        super("No target named '" + target + "'", Map.of("target", target));
    }
}
