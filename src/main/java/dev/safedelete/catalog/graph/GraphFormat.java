package dev.safedelete.catalog.graph;

import dev.safedelete.catalog.Catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The text formats a catalog's relationship graph is drawn in. */
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
}
