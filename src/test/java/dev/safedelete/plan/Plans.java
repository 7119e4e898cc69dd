package dev.safedelete.plan;

import java.util.Map;
import java.util.Set;

/** Options for tests that derive plans directly. */
final class Plans {

    private Plans() {
    }

    static Traversal.Options options(Mode mode) {
        return Traversal.Options.builder().mode(mode).build();
    }

    static Traversal.Options options(Mode mode, long tallyAbove) {
        return Traversal.Options.builder().mode(mode).tallyAbove(tallyAbove).build();
    }
}
