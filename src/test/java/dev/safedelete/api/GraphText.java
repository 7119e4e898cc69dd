package dev.safedelete.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads back the graphs {@code GET /graph} draws, line by line, strictly: a line that is neither a node, an edge
 * nor the known header and footer fails the test, so a malformed statement cannot hide.
 */
final class GraphText {

    private GraphText() {
    }

    /** A drawn edge, named by the tables' qualified names. */
    record Edge(String parent, String child, String rule, boolean declared) {
    }

    /** Node ids to table names (labels unescaped), and every edge with how often it is drawn. */
    record Drawn(Map<String, String> nodes, Map<Edge, Long> edges) {
    }

    private static final Pattern MERMAID_NODE = Pattern.compile("^ {4}(t\\d+)\\[\"([^\"]*)\"]$");
    private static final Pattern MERMAID_EDGE = Pattern.compile("^ {4}(t\\d+) (-->|-\\.->)\\|([A-Z_]+)\\| (t\\d+)$");
    private static final Pattern DOT_NODE = Pattern.compile("^ {4}(t\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"];$");
    private static final Pattern DOT_EDGE =
            Pattern.compile("^ {4}(t\\d+) -> (t\\d+) \\[label=\"([A-Z_]+)\"(, style=dashed)?];$");
    private static final Pattern MERMAID_ENTITY = Pattern.compile("#(\\w+);");

    static Drawn parseMermaid(String text) {
        var lines = text.lines().toList();
        if (!lines.get(0).equals("flowchart LR")) {
            throw new AssertionError("not a Mermaid flowchart: " + lines.get(0));
        }
        var nodes = new LinkedHashMap<String, String>();
        var edges = new java.util.ArrayList<String[]>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher node = MERMAID_NODE.matcher(line);
            Matcher edge = MERMAID_EDGE.matcher(line);
            if (node.matches()) {
                nodes.put(node.group(1), unescapeMermaid(node.group(2)));
            } else if (edge.matches()) {
                edges.add(new String[]{edge.group(1), edge.group(4), edge.group(3), edge.group(2).equals("-.->") ? "y" : ""});
            } else {
                throw new AssertionError("not a node nor an edge: " + line);
            }
        }
        return new Drawn(nodes, edgesOf(nodes, edges));
    }

    static Drawn parseDot(String text) {
        var lines = text.lines().toList();
        var header = List.of("digraph schema {", "    rankdir=LR;", "    node [shape=box];");
        if (!lines.subList(0, 3).equals(header) || !lines.get(lines.size() - 1).equals("}")) {
            throw new AssertionError("not the expected digraph frame: " + text);
        }
        var nodes = new LinkedHashMap<String, String>();
        var edges = new java.util.ArrayList<String[]>();
        for (String line : lines.subList(3, lines.size() - 1)) {
            Matcher node = DOT_NODE.matcher(line);
            Matcher edge = DOT_EDGE.matcher(line);
            if (node.matches()) {
                nodes.put(node.group(1), unescapeDot(node.group(2)));
            } else if (edge.matches()) {
                edges.add(new String[]{edge.group(1), edge.group(2), edge.group(3), edge.group(4) != null ? "y" : ""});
            } else {
                throw new AssertionError("not a node nor an edge: " + line);
            }
        }
        return new Drawn(nodes, edgesOf(nodes, edges));
    }

    private static Map<Edge, Long> edgesOf(Map<String, String> nodes, List<String[]> edges) {
        return edges.stream().map(e -> {
            if (!nodes.containsKey(e[0]) || !nodes.containsKey(e[1])) {
                throw new AssertionError("an edge between undeclared nodes: " + String.join(" ", e));
            }
            return new Edge(nodes.get(e[0]), nodes.get(e[1]), e[2], !e[3].isEmpty());
        }).collect(Collectors.groupingBy(e -> e, Collectors.counting()));
    }

    private static String unescapeMermaid(String label) {
        return MERMAID_ENTITY.matcher(label).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1)) {
            case "quot" -> "\"";
            case "lt" -> "<";
            case "gt" -> ">";
            default -> String.valueOf((char) Integer.parseInt(m.group(1)));
        }));
    }

    private static String unescapeDot(String label) {
        return label.replaceAll("\\\\(.)", "$1");
    }
}
