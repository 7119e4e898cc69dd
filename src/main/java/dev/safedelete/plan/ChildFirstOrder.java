package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.TableName;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which tables are deleted so that no row goes before the rows of D that reference it: a topological
 * order of the relationships restricted to the tables with rows in D, children first. Tables on a cycle (a
 * self-reference, or several tables referencing each other) form one component whose rows the executor deletes level
 * by level; components come out in Tarjan's order, which already puts every component after those that reference it.
 */
public final class ChildFirstOrder {

    /** A strongly connected set of tables; {@code cyclic} when its rows may reference each other. */
    public record Component(List<TableName> tables, boolean cyclic) {
    }

    private ChildFirstOrder() {
    }

    public static List<Component> of(Catalog catalog, Collection<TableName> tablesInD) {
        var graph = new LinkedHashMap<TableName, List<TableName>>();
        tablesInD.stream().sorted().forEach(t -> graph.put(t, new ArrayList<>()));
        var selfReferencing = new java.util.HashSet<TableName>();
        for (Relationship r : catalog.relationships()) {
            if (graph.containsKey(r.parentTable()) && graph.containsKey(r.childTable())) {
                if (r.selfReference()) {
                    selfReferencing.add(r.childTable());
                } else {
                    graph.get(r.parentTable()).add(r.childTable());
                }
            }
        }
        var components = new Tarjan(graph).run();
        return components.stream()
                .map(c -> new Component(c.stream().sorted().toList(), c.size() > 1 || selfReferencing.contains(c.get(0))))
                .toList();
    }

    /** Iterative Tarjan, so that a chain of thousands of tables cannot overflow the stack. */
    private static final class Tarjan {
        private final Map<TableName, List<TableName>> graph;
        private final Map<TableName, Integer> index = new HashMap<>();
        private final Map<TableName, Integer> low = new HashMap<>();
        private final Deque<TableName> stack = new ArrayDeque<>();
        private final java.util.Set<TableName> onStack = new java.util.HashSet<>();
        private final List<List<TableName>> out = new ArrayList<>();
        private int counter;

        Tarjan(Map<TableName, List<TableName>> graph) {
            this.graph = graph;
        }

        List<List<TableName>> run() {
            for (TableName t : graph.keySet()) {
                if (!index.containsKey(t)) {
                    visit(t);
                }
            }
            return out;
        }

        private void visit(TableName start) {
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[]{start, 0});
            enter(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                TableName v = (TableName) frame[0];
                int i = (int) frame[1];
                List<TableName> next = graph.get(v);
                if (i < next.size()) {
                    frame[1] = i + 1;
                    TableName w = next.get(i);
                    if (!index.containsKey(w)) {
                        enter(w);
                        work.push(new Object[]{w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        TableName parent = (TableName) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        var component = new ArrayList<TableName>();
                        TableName w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        out.add(component);
                    }
                }
            }
        }

        private void enter(TableName v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.add(v);
        }
    }
}
