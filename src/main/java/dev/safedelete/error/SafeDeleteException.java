package dev.safedelete.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure domain code reports to its caller: the message says what went wrong, {@code facts} name what it
 * concerns (target, field, planId, ...). Domain code never picks an HTTP status; the API maps each subclass to its
 * problem type in one place.
 */
public abstract class SafeDeleteException extends RuntimeException {

    private final Map<String, Object> facts;

    protected SafeDeleteException(String detail, Map<String, ?> facts) {
        super(detail);
        this.facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
