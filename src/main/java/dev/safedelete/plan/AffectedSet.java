package dev.safedelete.plan;

import dev.safedelete.catalog.TableName;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row a delete touches and what happens to it, as {@link Traversal} derived it: the rows to delete (D), the
 * rows outside D that are updated, and the blockers. Keys are held encoded ({@link KeyCodec}) in {@link KeySet}s.
 * The planner turns it into a preview; the executor derives it again under locks and compares the two.
 */
public final class AffectedSet implements ChangedRows {

    /** One (table, outcome) group of the preview's {@code tables} list. */
    public record Group(TableName table, Outcome outcome) implements Comparable<Group> {
        @Override
        public int compareTo(Group o) {
            int c = table.compareTo(o.table);
            return c != 0 ? c : outcome.compareTo(o.outcome);
        }
    }

    /** A blocker: the relationship that reached the rows (null for protected tables, privileges, limits), the table and reason. */
    public record BlockerKey(String relationship, TableName table, BlockReason reason) {
    }

    /** Rows outside D that one relationship updates: the columns set to NULL or to their defaults. */
    public record Update(RelationshipRule rule, Outcome outcome, List<String> columns, KeySet rows) {
    }

    /**
     * A leaf table's deleted rows counted by the database instead of listed (see {@link dev.safedelete.sql.LeafTally}):
     * every row of the table that references a deleted row through {@code relationship}, the only way rows of the
     * table are reached, and a database ON DELETE CASCADE that removes them when their parents go.
     *
     * @param hash the database's order-independent sum of a 64-bit hash of each row's key
     */
    public record Tally(String relationship, long rows, java.math.BigInteger hash) {
        Fingerprint fingerprint() {
            return new Fingerprint(rows, "tally:" + hash.toString(16));
        }
    }

    /** What one relationship reached: distinct child rows and a sample of their keys, for the preview's tree. */
    public record Edge(long rows, List<Object[]> sample) {
        public Edge {
            sample = List.copyOf(sample);
        }
    }

    /** The set while {@link Traversal} derives it; {@link #build} freezes it. */
    static final class Builder {
        /** An {@link Edge} being counted. */
        static final class Reach {
            long rows;
            final List<Object[]> sample = new ArrayList<>();
        }

        final Map<TableName, KeySet> deleted = new LinkedHashMap<>();
        final Map<Group, KeySet> groups = new TreeMap<>();
        final Map<TableName, Tally> tallies = new LinkedHashMap<>();
        final Map<BlockerKey, KeySet> blockers = new LinkedHashMap<>();
        final List<Update> updates = new ArrayList<>();
        final Map<String, Reach> edges = new LinkedHashMap<>();
        final Map<String, Long> selfReferencingRows = new LinkedHashMap<>();
        final List<String> settledByDeletion = new ArrayList<>();
        final Map<String, RelationshipRule> rules;
        final List<Object[]> roots = new ArrayList<>();
        final List<Object[]> missingRoots = new ArrayList<>();
        int depth;
        boolean limitExceeded;

        Builder(Map<String, RelationshipRule> rules) {
            this.rules = rules;
        }

        AffectedSet build() {
            deleted.values().forEach(KeySet::freeze);
            groups.values().forEach(KeySet::freeze);
            blockers.values().forEach(KeySet::freeze);
            updates.forEach(u -> u.rows().freeze());
            return new AffectedSet(this);
        }
    }

    private final Map<TableName, KeySet> deleted;
    private final Map<Group, KeySet> groups;
    private final Map<TableName, Tally> tallies;
    private final Map<BlockerKey, KeySet> blockers;
    private final List<Update> updates;
    private final Map<String, Edge> edges;
    private final Map<String, Long> selfReferencingRows;
    private final List<String> settledByDeletion;
    private final Map<String, RelationshipRule> rules;
    private final List<Object[]> roots;
    private final List<Object[]> missingRoots;
    private final int depth;
    private final boolean limitExceeded;

    private AffectedSet(Builder b) {
        this.deleted = Collections.unmodifiableMap(b.deleted);
        this.groups = Collections.unmodifiableMap(b.groups);
        this.tallies = Collections.unmodifiableMap(b.tallies);
        this.blockers = Collections.unmodifiableMap(b.blockers);
        this.updates = List.copyOf(b.updates);
        var edges = new LinkedHashMap<String, Edge>();
        b.edges.forEach((id, reach) -> edges.put(id, new Edge(reach.rows, reach.sample)));
        this.edges = Collections.unmodifiableMap(edges);
        this.selfReferencingRows = Collections.unmodifiableMap(b.selfReferencingRows);
        this.settledByDeletion = List.copyOf(b.settledByDeletion);
        this.rules = b.rules;
        this.roots = List.copyOf(b.roots);
        this.missingRoots = List.copyOf(b.missingRoots);
        this.depth = b.depth;
        this.limitExceeded = b.limitExceeded;
    }

    @Override
    public List<Updated> updated() {
        return updates.stream().map(u -> new Updated(u.rule().relationship(), u.outcome(), u.columns(), u.rows()))
                .toList();
    }

    @Override
    public Map<TableName, KeySet> deleted() {
        return deleted;
    }

    /** Every (table, outcome) group whose keys are listed, DELETE included, in a stable order; tallies are not. */
    public Map<Group, KeySet> groups() {
        return groups;
    }

    @Override
    public Map<TableName, Tally> tallies() {
        return tallies;
    }

    /** The rows of every (table, outcome) group, listed or tallied, in a stable order. */
    public Map<Group, Long> counts() {
        var out = new TreeMap<Group, Long>();
        groups.forEach((g, keys) -> out.put(g, (long) keys.size()));
        tallies.forEach((t, tally) -> out.put(new Group(t, Outcome.DELETE), tally.rows()));
        return out;
    }

    public Map<BlockerKey, KeySet> blockers() {
        return blockers;
    }

    public List<Update> updates() {
        return updates;
    }

    public Map<String, Edge> edges() {
        return edges;
    }

    public Map<String, RelationshipRule> rules() {
        return rules;
    }

    /** Rows that reference themselves through a self-referencing relationship, by relationship id. */
    public Map<String, Long> selfReferencingRows() {
        return selfReferencingRows;
    }

    /**
     * Blocking relationships (RESTRICT, NO ACTION) whose every reached row is deleted through another path, so they do
     * not block: the "diamond" a database's own single-statement DELETE may decide differently.
     */
    public List<String> settledByDeletion() {
        return settledByDeletion;
    }

    /** The root keys found, in the order the caller gave them. */
    public List<Object[]> roots() {
        return roots;
    }

    /** Root keys that match no row. */
    public List<Object[]> missingRoots() {
        return missingRoots;
    }

    /** The longest chain of deletes the traversal followed from a root (at least; it walks shortest paths). */
    public int depth() {
        return depth;
    }

    public boolean limitExceeded() {
        return limitExceeded;
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }

    public long rows(Outcome outcome) {
        return counts().entrySet().stream().filter(e -> e.getKey().outcome() == outcome)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * An order-independent digest of each group: its row count and two sums of 64-bit row hashes. Two derivations
     * touching the same rows with the same outcomes give equal fingerprints whatever order the database returned
     * them in; a digest per group is what lets drift be reported per table and outcome.
     */
    public Map<Group, Fingerprint> fingerprints() {
        var out = new TreeMap<Group, Fingerprint>();
        groups.forEach((g, keys) -> out.put(g, fingerprint(keys)));
        tallies.forEach((t, tally) -> out.put(new Group(t, Outcome.DELETE), tally.fingerprint()));
        return out;
    }

    static Fingerprint fingerprint(KeySet keys) {
        MessageDigest sha = sha256();
        long a = 0;
        long b = 0;
        for (byte[] key : keys) {
            ByteBuffer h = ByteBuffer.wrap(sha.digest(key));
            a += h.getLong();
            b += h.getLong();
        }
        return new Fingerprint(keys.size(), Long.toHexString(a) + Long.toHexString(b));
    }

    /** Digest of the whole affected set together with the choices that produced it: the confirmation token. */
    public String token(String target, Mode mode, Map<String, ?> overrides) {
        MessageDigest sha = sha256();
        sha.update((target + "\n" + mode + "\n" + new TreeMap<>(overrides) + "\n").getBytes(StandardCharsets.UTF_8));
        fingerprints().forEach((g, f) -> sha.update((g.table() + "|" + g.outcome() + "|" + f.rows() + ":" + f.hash() + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
