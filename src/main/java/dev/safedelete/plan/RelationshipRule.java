package dev.safedelete.plan;

import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;

import java.util.Map;

/**
 * The rule a plan applies to one relationship, after the caller's override and the mode (semantics.md, "Effective
 * rule"): first the override, then CASCADE_ALL's forcing of RESTRICT/NO ACTION, then the declared rule.
 *
 * @param forced     CASCADE_ALL turned a blocking rule into CASCADE; the preview marks these rows
 * @param overridden the caller chose the rule for this relationship
 */
public record RelationshipRule(Relationship relationship, Rule rule, boolean forced, boolean overridden) {

    public static RelationshipRule of(Relationship r, Mode mode, Map<String, Rule> overrides) {
        Rule override = overrides.get(r.id());
        if (override != null) {
            return new RelationshipRule(r, override, false, true);
        }
        if (mode == Mode.CASCADE_ALL && r.onDelete().blocks()) {
            return new RelationshipRule(r, Rule.CASCADE, true, false);
        }
        return new RelationshipRule(r, r.onDelete(), false, false);
    }

    public boolean cascades() {
        return rule == Rule.CASCADE;
    }
}
