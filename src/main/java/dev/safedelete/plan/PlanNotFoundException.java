package dev.safedelete.plan;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;
import java.util.UUID;

/** No plan has this id, or none the principal may see (answered alike, so that ids cannot be probed). */
public class PlanNotFoundException extends SafeDeleteException {

    public PlanNotFoundException(UUID id) {
        super("No delete plan with id " + id, Map.of("planId", id));
    }
}
