package dev.safedelete.execute;

import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure.Difference;
import dev.safedelete.execute.ExecutionFailure.Kind;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.plan.Fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares the set derived under the locks with the confirmed preview, group by group (semantics.md, "Drift"). */
final class DriftCheck {

    private DriftCheck() {
    }

    /** Refuses, naming every group whose rows differ in either direction, and roots that are gone. */
    static void refuseDrift(TableName root, int confirmedRoots, Map<Group, Fingerprint> confirmed, AffectedSet now)
            throws ExecutionFailure {
        var out = new ArrayList<Difference>();
        Map<Group, Fingerprint> current = now.fingerprints();
        var groups = new TreeSet<Group>(confirmed.keySet());
        groups.addAll(current.keySet());
        for (Group g : groups) {
            Fingerprint before = confirmed.get(g);
            Fingerprint after = current.get(g);
            if (before == null || !before.equals(after)) {
                out.add(new Difference(g.table().qualified(), g.outcome().name(), rowsOf(before), rowsOf(after)));
            }
        }
        if (!now.missingRoots().isEmpty() && out.isEmpty()) {
            out.add(new Difference(root.qualified(), "DELETE", confirmedRoots, now.roots().size()));
        }
        if (!out.isEmpty()) {
            throw drift(out);
        }
    }

    static ExecutionFailure drift(List<Difference> differences) {
        return new ExecutionFailure(Kind.DRIFT, "the data changed since the preview", differences, null);
    }

    private static long rowsOf(Fingerprint fingerprint) {
        return fingerprint == null ? 0 : fingerprint.rows();
    }
}
