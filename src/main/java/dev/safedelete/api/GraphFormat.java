package dev.safedelete.api;

import dev.safedelete.catalog.Catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Optional;

/** The text formats {@code GET /graph} draws a catalog's relationship graph in. */
public enum GraphFormat {

    /** A Mermaid {@code flowchart LR}, which GitHub, GitLab and most wikis render inline. */
    MERMAID {
        @Override
        public String render(Catalog catalog) {
            return MermaidGraph.render(catalog);
        }
    },

    /** A Graphviz DOT {@code digraph}, for {@code dot -Tsvg} and every tool that reads DOT. */
    DOT {
        @Override
        public String render(Catalog catalog) {
            return DotGraph.render(catalog);
        }
    };

    public abstract String render(Catalog catalog);

    /** The spelling callers use in {@code ?format=}. */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GraphFormat> fromParameter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(f -> f.parameterValue().equalsIgnoreCase(value.trim())).findFirst();
    }

    /** The format named by {@code ?format=}, mermaid when absent, or a 400 problem naming the parameter. */
    static GraphFormat require(String value) {
        if (value == null || value.isBlank()) {
            return MERMAID;
        }
        return fromParameter(value).orElseThrow(() -> {
            var allowed = Arrays.stream(values()).map(GraphFormat::parameterValue).toList();
            var fields = new LinkedHashMap<String, Object>();
            fields.put("parameter", "format");
            fields.put("value", value);
            fields.put("allowed", allowed);
            return ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    "Query parameter 'format' is '" + value + "'; expected one of " + allowed, fields);
        });
    }
}
