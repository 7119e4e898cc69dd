package dev.safedelete.catalog.graph;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;

/**
 * A catalog as a Mermaid flowchart: one box per table labelled with its qualified name, one arrow per relationship
 * from parent to child (the direction a delete travels) labelled with its ON DELETE rule; declared relationships
 * are dotted arrows.
 *
 * <pre>
 * flowchart LR
 *     t0["public.customers"]
 *     t1["public.orders"]
 *     t0 --&gt;|CASCADE| t1
 * </pre>
 */
public final class MermaidGraph {

    private MermaidGraph() {
    }

    public static String render(Catalog catalog) {
        var nodes = new GraphNodes(catalog);
        var out = new StringBuilder("flowchart LR\n");
        nodes.all().forEach((table, id) -> out.append("    ").append(id)
                .append("[\"").append(label(table.qualified())).append("\"]\n"));
        for (Relationship r : catalog.relationships()) {
            String arrow = r.source() == Relationship.Source.DECLARED ? "-.->" : "-->";
            out.append("    ").append(nodes.id(r.parentTable())).append(' ').append(arrow)
                    .append('|').append(r.onDelete().name()).append("| ").append(nodes.id(r.childTable())).append('\n');
        }
        return out.toString();
    }

    /**
     * Text inside {@code ["..."]}. Mermaid reads {@code #name;} and {@code #number;} as entity codes there, so a
     * quote becomes {@code #quot;}, and a literal {@code #} must itself be written as a code; angle brackets are coded
     * too, since labels may be rendered as HTML. Line breaks would end the statement: they become spaces.
     */
    static String label(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> out.append("#35;");
                case '"' -> out.append("#quot;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
