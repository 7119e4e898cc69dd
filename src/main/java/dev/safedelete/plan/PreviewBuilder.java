package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.catalog.TriggerInfo;
import dev.safedelete.plan.DeletePlan.Blocker;
import dev.safedelete.plan.DeletePlan.Count;
import dev.safedelete.plan.DeletePlan.Step;
import dev.safedelete.plan.DeletePlan.TableCount;
import dev.safedelete.plan.DeletePlan.TreeNode;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.NativeDeleteFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Turns a derived {@link AffectedSet} into the preview callers read: counts, tree, blockers, steps, warnings. */
public final class PreviewBuilder {

    /** How much of the tree a preview shows; the counts in {@code tables} are always complete. */
    public record TreeLimits(int depth, int width, int nodes) {
        public static final TreeLimits DEFAULT = new TreeLimits(8, 25, 400);
    }

    private final Catalog catalog;
    private final Dialect dialect;
    private final AffectedSet set;
    private final int sampleSize;
    private final TreeLimits limits;
    private int nodes;

    public PreviewBuilder(Catalog catalog, Dialect dialect, AffectedSet set, int sampleSize, TreeLimits limits) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.set = set;
        this.sampleSize = sampleSize;
        this.limits = limits;
    }

    public DeletePlan build(UUID id, String target, TableName root, Mode mode, Map<String, Rule> overrides,
                            Instant createdAt, Instant expiresAt) {
        Table rootTable = catalog.table(root).orElseThrow();
        var tables = set.counts().entrySet().stream()
                .map(e -> new TableCount(e.getKey().table().qualified(), e.getKey().outcome(), e.getValue()))
                .toList();
        var summary = new EnumMap<Outcome, Count>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            var of = tables.stream().filter(t -> t.action() == o).toList();
            summary.put(o, new Count(of.stream().mapToLong(TableCount::rows).sum(), of.size()));
        }
        return new DeletePlan(id, target, root.qualified(), set.roots().stream().map(k -> keyObject(rootTable, k)).toList(),
                mode, overrides, set.blocked() ? PlanStatus.BLOCKED : PlanStatus.READY, createdAt, expiresAt,
                set.token(target, mode, overrides), summary, tables, tree(rootTable), blockers(), steps(), warnings());
    }

    /** A key as the API shows it: primary-key column to value. */
    public static Map<String, Object> keyObject(Table table, Object[] key) {
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < key.length; i++) {
            out.put(table.primaryKey().get(i), key[i]);
        }
        return out;
    }

    private List<Map<String, Object>> sample(Table table, List<Object[]> keys) {
        return keys.stream().limit(sampleSize).map(k -> keyObject(table, k)).toList();
    }

    private List<Map<String, Object>> sample(Table table, KeySet keys) {
        var out = new ArrayList<Map<String, Object>>();
        for (byte[] k : keys) {
            if (out.size() >= sampleSize) {
                break;
            }
            out.add(keyObject(table, KeyCodec.decode(k, table.primaryKey().size())));
        }
        return out;
    }

    private TreeNode tree(Table root) {
        var path = new LinkedHashSet<TableName>();
        path.add(root.name());
        nodes = 1;
        var children = children(root.name(), path, 1);
        return new TreeNode(null, null, null, root.name().qualified(), Outcome.DELETE, set.roots().size(),
                sample(root, set.roots()), children.nodes(), null, children.cut(), children.omitted());
    }

    private record Children(List<TreeNode> nodes, String cut, Integer omitted) {
    }

    private Children children(TableName parent, Set<TableName> path, int depth) {
        var reached = catalog.referencing(parent).stream()
                .filter(r -> set.edges().containsKey(r.id()) && set.edges().get(r.id()).rows() > 0)
                .sorted(Comparator.comparingLong((Relationship r) -> -set.edges().get(r.id()).rows())
                        .thenComparing(Relationship::id))
                .toList();
        if (reached.isEmpty()) {
            return new Children(List.of(), null, null);
        }
        if (depth > limits.depth()) {
            return new Children(List.of(), "depth", reached.size());
        }
        var out = new ArrayList<TreeNode>();
        String cut = null;
        for (Relationship r : reached) {
            if (out.size() >= limits.width()) {
                cut = "width";
                break;
            }
            if (nodes >= limits.nodes()) {
                cut = "size";
                break;
            }
            nodes++;
            out.add(node(r, path, depth));
        }
        int omitted = reached.size() - out.size();
        return new Children(out, cut, omitted > 0 ? omitted : null);
    }

    private TreeNode node(Relationship r, Set<TableName> path, int depth) {
        RelationshipRule rule = set.rules().get(r.id());
        AffectedSet.Edge edge = set.edges().get(r.id());
        Table child = catalog.table(r.childTable()).orElseThrow();
        Outcome action = switch (rule.rule()) {
            case CASCADE -> Outcome.DELETE;
            case SET_NULL -> Outcome.SET_NULL;
            case SET_DEFAULT -> Outcome.SET_DEFAULT;
            case RESTRICT, NO_ACTION -> Outcome.BLOCK;
        };
        boolean blocked = set.blockers().keySet().stream().anyMatch(b -> r.id().equals(b.relationship()));
        if (blocked) {
            action = Outcome.BLOCK;
        }
        var sample = sample(child, edge.sample());
        Boolean forced = rule.forced() ? Boolean.TRUE : null;
        if (!rule.cascades()) {
            return new TreeNode(r.id(), rule.rule(), forced, child.name().qualified(), action, edge.rows(), sample,
                    List.of(), null, null, null);
        }
        if (path.contains(r.childTable())) {
            return new TreeNode(r.id(), rule.rule(), forced, child.name().qualified(), action, edge.rows(), sample,
                    List.of(), Boolean.TRUE, null, null);
        }
        path.add(r.childTable());
        Children below = children(r.childTable(), path, depth + 1);
        path.remove(r.childTable());
        return new TreeNode(r.id(), rule.rule(), forced, child.name().qualified(), action, edge.rows(), sample,
                below.nodes(), null, below.cut(), below.omitted());
    }

    private List<Blocker> blockers() {
        var out = new ArrayList<Blocker>();
        set.blockers().forEach((k, rows) -> {
            Table table = catalog.table(k.table()).orElseThrow();
            String detail = switch (k.reason()) {
                case LIMIT -> "the delete reaches more rows than the configured limit; counts stop at the limit";
                case PRIVILEGE -> "the connected user may not change " + table.name().qualified();
                case PROTECTED_TABLE -> table.name().qualified() + " is a protected table";
                case NOT_NULL -> "a column to be set to NULL is NOT NULL";
                case DEFAULT_MISSING -> "the column defaults reference no row that survives the delete";
                default -> null;
            };
            out.add(new Blocker(k.relationship(), k.table().qualified(), k.reason(), rows.size(), sample(table, rows), detail));
        });
        return out;
    }

    private List<Step> steps() {
        var out = new ArrayList<Step>();
        for (AffectedSet.Update u : set.updates()) {
            out.add(new Step(out.size() + 1, u.rule().relationship().childTable().qualified(), u.outcome(),
                    u.rows().size(), u.rule().relationship().id(), null));
        }
        for (ChildFirstOrder.Component c : ChildFirstOrder.of(catalog, set.deletedTables())) {
            for (TableName t : c.tables()) {
                AffectedSet.Tally tally = set.tallies().get(t);
                if (tally != null) {
                    Relationship r = set.rules().get(tally.relationship()).relationship();
                    out.add(new Step(out.size() + 1, t.qualified(), Outcome.DELETE, tally.rows(), r.id(),
                            "counted, not listed: deleted with their " + r.parentTable().qualified()
                                    + " rows, by those rows' keys or by the database's own ON DELETE CASCADE, and the "
                                    + "transaction must delete exactly the rows counted"));
                    continue;
                }
                String how = c.cyclic()
                        ? (c.tables().size() > 1 ? "cycle with " + c.tables() + ": " : "self-reference: ")
                          + componentDeletion()
                        : null;
                out.add(new Step(out.size() + 1, t.qualified(), Outcome.DELETE, set.deleted().get(t).size(), null, how));
            }
        }
        return out;
    }

    /** How the executor deletes a cyclic component on this database: never one round per level where it can avoid it. */
    private String componentDeletion() {
        return switch (dialect.componentDeletion()) {
            case ONE_STATEMENT -> "every row deleted together in one statement, whatever the depth (the database "
                    + "checks foreign keys at the end of a statement)";
            case RELAXED_BATCHES -> "every row deleted in key batches with foreign-key checks off for them, whatever "
                    + "the depth (their rows reference each other, and the database checks row by row)";
            case PEELED -> "deleted level by level, deepest rows first (the database checks each deleted row at once)";
        };
    }

    private List<String> warnings() {
        var out = new ArrayList<String>();
        var deletedTables = set.deletedTables();
        var updatedTables = set.updates().stream().map(u -> u.rule().relationship().childTable()).distinct().toList();
        for (TableName t : deletedTables) {
            triggerWarning(t, TriggerInfo.Event.DELETE).ifPresent(out::add);
        }
        for (TableName t : updatedTables) {
            triggerWarning(t, TriggerInfo.Event.UPDATE).ifPresent(out::add);
        }
        for (var e : set.edges().entrySet()) {
            Relationship r = set.rules().get(e.getKey()).relationship();
            if (!r.indexed()) {
                out.add("%s: no index covers %s%s, so finding its rows scans the table (slow on large data)"
                        .formatted(r.id(), r.childTable().qualified(), r.childColumns()));
            }
        }
        for (AffectedSet.Update u : set.updates()) {
            Relationship r = u.rule().relationship();
            Table child = catalog.table(r.childTable()).orElseThrow();
            Set<String> used = new HashSet<>(child.primaryKey());
            child.uniqueKeys().forEach(used::addAll);
            catalog.relationships().stream().filter(o -> !o.id().equals(r.id()))
                    .forEach(o -> {
                        if (o.childTable().equals(child.name())) {
                            used.addAll(o.childColumns());
                        }
                        if (o.parentTable().equals(child.name())) {
                            used.addAll(o.parentColumns());
                        }
                    });
            var shared = u.columns().stream().filter(used::contains).toList();
            if (!shared.isEmpty()) {
                out.add("%s sets %s of %s, which another relationship or key also uses".formatted(
                        r.id(), shared, child.name().qualified()));
            }
        }
        var forced = set.rules().values().stream()
                .filter(r -> r.forced() && set.edges().containsKey(r.relationship().id())
                        && set.edges().get(r.relationship().id()).rows() > 0)
                .map(r -> r.relationship().id()).toList();
        if (!forced.isEmpty()) {
            out.add("CASCADE_ALL deletes rows its relationships would otherwise protect: " + forced);
        }
        if (!set.settledByDeletion().isEmpty()) {
            out.add(("rows reached through %s are deleted through another path, so they do not block; the database's "
                    + "own single DELETE may still refuse this (its verdict depends on trigger order)")
                    .formatted(set.settledByDeletion()));
        }
        // A row referencing itself through a cascading key is deleted by InnoDB too; through RESTRICT / NO ACTION
        // a row-by-row check refuses it.
        var selfReferencing = new LinkedHashMap<String, Long>();
        set.selfReferencingRows().forEach((id, n) -> {
            if (set.rules().get(id).relationship().onDelete().blocks()) {
                selfReferencing.put(id, n);
            }
        });
        out.addAll(dialect.nativeDeleteCaveats(new NativeDeleteFacts(selfReferencing, set.depth(),
                multiplePathTables())));
        return out;
    }

    private List<String> multiplePathTables() {
        var paths = new LinkedHashMap<TableName, Integer>();
        set.edges().forEach((id, edge) -> {
            RelationshipRule rule = set.rules().get(id);
            if (rule.cascades() && edge.rows() > 0 && !rule.relationship().selfReference()) {
                paths.merge(rule.relationship().childTable(), 1, Integer::sum);
            }
        });
        return paths.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey().qualified()).toList();
    }

    private java.util.Optional<String> triggerWarning(TableName t, TriggerInfo.Event event) {
        var names = catalog.table(t).orElseThrow().triggers().stream()
                .filter(tr -> tr.events().contains(event)).map(TriggerInfo::name).toList();
        if (names.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("%s has triggers %s that fire on %s; their effects are not in the preview"
                .formatted(t.qualified(), names, event));
    }
}
