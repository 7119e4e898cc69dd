package dev.safedelete.api;

import dev.safedelete.catalog.graph.DotGraph;
import dev.safedelete.catalog.graph.MermaidGraph;
import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Column;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table names that would break a graph if written as they are: spaces, dots, quotes, backslashes, '#', angle
 * brackets, line breaks, and the words Mermaid and DOT reserve. Each is drawn as a generated id with an escaped
 * label, and reads back as the same name.
 */
class GraphEscapingTest {

    private static final List<TableName> NASTY = List.of(
            new TableName("public", "order lines.v2"),
            new TableName("public", "say \"hi\""),
            new TableName("public", "back\\slash"),
            new TableName("public", "end"),
            new TableName("graph", "subgraph"),
            new TableName("public", "node"),
            new TableName("public", "#1 <b>bold</b>"),
            new TableName("public", "two\nlines"));

    @Test
    void mermaidLabelsEscapeEverythingAndIdsAreGenerated() {
        String text = MermaidGraph.render(catalog());
        var drawn = GraphText.parseMermaid(text);
        assertEquals(names(true), Set.copyOf(drawn.nodes().values()));
        assertEquals(Map.of(new GraphText.Edge("public.end", "public.order lines.v2", "SET_NULL", false), 1L,
                new GraphText.Edge("public.end", "public.say \"hi\"", "CASCADE", true), 1L), drawn.edges());
        assertFalse(text.contains("<b>"), "angle brackets are coded, so a label is never HTML");
        assertTrue(text.lines().skip(1).allMatch(l -> l.startsWith("    t")), "every statement starts with a generated id");
    }

    @Test
    void dotLabelsEscapeEverythingAndIdsAreGenerated() {
        String text = DotGraph.render(catalog());
        var drawn = GraphText.parseDot(text);
        assertEquals(names(false), Set.copyOf(drawn.nodes().values()));
        assertEquals(Map.of(new GraphText.Edge("public.end", "public.order lines.v2", "SET_NULL", false), 1L,
                new GraphText.Edge("public.end", "public.say \"hi\"", "CASCADE", true), 1L), drawn.edges());
        assertTrue(text.contains("[label=\"public.back\\\\slash\"]"));
        assertTrue(text.contains("[label=\"public.two\\nlines\"]"), "a line break is DOT's \\n");
    }

    /** The names as they read back: Mermaid turns a line break into a space, DOT keeps it as \n (read as "n"). */
    private static Set<String> names(boolean mermaid) {
        return Set.copyOf(NASTY.stream().map(TableName::qualified)
                .map(n -> n.replace("\n", mermaid ? " " : "n")).toList());
    }

    private static Catalog catalog() {
        var tables = new LinkedHashMap<TableName, Table>();
        for (var name : NASTY) {
            tables.put(name, new Table(name, List.of(new Column("id", "integer", Types.INTEGER, false, null)),
                    List.of("id"), List.of(), List.of(), true, true));
        }
        var end = new TableName("public", "end");
        var lines = new TableName("public", "order lines.v2");
        var quoted = new TableName("public", "say \"hi\"");
        return new Catalog("test", "1", tables, List.of(
                new Relationship(Relationship.idOf(lines, "fk 1"), "fk 1", lines, List.of("end_id"), end, List.of("id"),
                        Rule.SET_NULL, Rule.NO_ACTION, List.of(), false, false, false, Relationship.Source.DATABASE),
                new Relationship(Relationship.idOf(quoted, "fk\"2"), "fk\"2", quoted, List.of("end_id"), end,
                        List.of("id"), Rule.CASCADE, Rule.NO_ACTION, List.of(), false, false, false,
                        Relationship.Source.DECLARED)), Instant.EPOCH);
    }
}
