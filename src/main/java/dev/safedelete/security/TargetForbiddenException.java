package dev.safedelete.security;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** The principal may not use this target. */
public class TargetForbiddenException extends SafeDeleteException {

    public TargetForbiddenException(String detail, String target) {
        super(detail, Map.of("target", String.valueOf(target)));
    }
}
