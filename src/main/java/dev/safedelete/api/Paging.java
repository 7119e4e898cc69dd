package dev.safedelete.api;

import java.util.Map;

/** The {@code limit} query parameter of a paged list. */
final class Paging {

    private Paging() {
    }

    /** {@code given}, or {@code fallback} when absent; a 400 problem outside 1 to {@code max}. */
    static int limit(Integer given, int fallback, int max) {
        int size = given == null ? fallback : given;
        if (size < 1 || size > max) {
            throw ProblemException.badRequest("invalid-limit", "Invalid limit", "limit: between 1 and " + max,
                    Map.of("field", "limit"));
        }
        return size;
    }
}
