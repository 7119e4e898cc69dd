package dev.safedelete.api;

/** OpenAPI examples of {@link SchemaResource}, taken from the demo shop. */
final class SchemaExamples {

    private SchemaExamples() {
    }

    static final String DEMO_SCHEMA = "{}";
    static final String DEMO_DEPENDENTS = "{}";
    static final String DEMO_MERMAID = "";
    static final String DEMO_DOT = "";
    static final String AMBIGUOUS_TABLE = "{}";
    static final String TABLE_NOT_FOUND = "{}";
    static final String TARGET_NOT_FOUND = "{}";
    static final String TARGET_UNAVAILABLE = "{}";
    static final String INVALID_FORMAT = "{}";
}
