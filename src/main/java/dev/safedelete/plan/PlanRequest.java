package dev.safedelete.plan;

import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.TableName;

import java.util.List;
import java.util.Map;

/**
 * A validated request: the root table, the root keys already converted to their columns' Java types (one
 * {@code Object[]} per key, in primary-key column order), the mode and the overrides by relationship id.
 */
public record PlanRequest(TableName table, List<Object[]> keys, Mode mode, Map<String, Rule> overrides) {

    public PlanRequest {
        keys = List.copyOf(keys);
        overrides = Map.copyOf(overrides);
    }
}
