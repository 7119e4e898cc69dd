package dev.safedelete.plan;

import java.util.Map;
import java.util.Set;

/** Options for tests that derive plans directly. */
final class Plans {

    private Plans() {
    }

    static Traversal.Options options(Mode mode) {
        return new Traversal.Options(mode, Map.of(), Set.of(), 5, Long.MAX_VALUE, false, 0);
    }

    static Traversal.Options options(Mode mode, long tallyAbove) {
        return new Traversal.Options(mode, Map.of(), Set.of(), 5, Long.MAX_VALUE, false, 0, tallyAbove);
    }
}
