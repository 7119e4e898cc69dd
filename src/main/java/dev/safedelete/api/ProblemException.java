package dev.safedelete.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A problem detail about to be answered, for the HTTP layer only (domain code throws a
 * {@link dev.safedelete.error.SafeDeleteException}). The {@code slug} becomes the problem type
 * {@code https://safedelete.dev/problems/<slug>}; {@code fields} are written as extra members.
 *
 * <pre>throw ProblemException.badRequest("invalid-limit", "Invalid limit", "limit: between 1 and 100",
 *         Map.of("field", "limit"));</pre>
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> fields;

    public ProblemException(int status, String slug, String title, String detail, Map<String, ?> fields) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    public static ProblemException badRequest(String slug, String title, String detail, Map<String, ?> fields) {
        return new ProblemException(400, slug, title, detail, fields);
    }

    public static ProblemException notFound(String slug, String title, String detail, Map<String, ?> fields) {
        return new ProblemException(404, slug, title, detail, fields);
    }

    public static ProblemException conflict(String slug, String title, String detail, Map<String, ?> fields) {
        return new ProblemException(409, slug, title, detail, fields);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.typeOf(slug), title, status, getMessage(), instance, fields);
    }
}
