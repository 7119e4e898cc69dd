package dev.safedelete.catalog.graph;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;

/**
 * A catalog as a Graphviz digraph: one box per table labelled with its qualified name, one edge per relationship
 * from parent to child (the direction a delete travels) labelled with its ON DELETE rule; declared relationships
 * are dashed edges.
 *
 * <pre>
 * digraph schema {
 *     rankdir=LR;
 *     node [shape=box];
 *     t0 [label="public.customers"];
 *     t1 [label="public.orders"];
 *     t0 -&gt; t1 [label="CASCADE"];
 * }
 * </pre>
 */
public final class DotGraph {

    private DotGraph() {
    }

    public static String render(Catalog catalog) {
        var nodes = new GraphNodes(catalog);
        var out = new StringBuilder("digraph schema {\n    rankdir=LR;\n    node [shape=box];\n");
        nodes.all().forEach((table, id) -> out.append("    ").append(id)
                .append(" [label=\"").append(quoted(table.qualified())).append("\"];\n"));
        for (Relationship r : catalog.relationships()) {
            out.append("    ").append(nodes.id(r.parentTable())).append(" -> ").append(nodes.id(r.childTable()))
                    .append(" [label=\"").append(r.onDelete().name()).append('"');
            if (r.source() == Relationship.Source.DECLARED) {
                out.append(", style=dashed");
            }
            out.append("];\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * Text inside a DOT double-quoted string: a quote is escaped with a backslash, and so is a backslash, since
     * DOT labels give {@code \n}, {@code \l}, {@code \N} ... a meaning; a line break is written as {@code \n}.
     */
    static String quoted(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
