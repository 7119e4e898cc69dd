package dev.safedelete.store;

import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.plan.Fingerprint;
import dev.safedelete.plan.Outcome;

import java.util.List;
import java.util.Map;

/**
 * The fingerprint of one (table, outcome) group of a plan, as the store keeps it: the executor derives the set again
 * under locks and compares each group's {@link Fingerprint} with this one.
 */
public record GroupDigest(TableName table, Outcome outcome, long rows, String hash) {

    public static List<GroupDigest> of(Map<Group, Fingerprint> fingerprints) {
        return fingerprints.entrySet().stream()
                .map(e -> new GroupDigest(e.getKey().table(), e.getKey().outcome(), e.getValue().rows(),
                        e.getValue().hash()))
                .toList();
    }

    public Group group() {
        return new Group(table, outcome);
    }

    public Fingerprint fingerprint() {
        return new Fingerprint(rows, hash);
    }
}
