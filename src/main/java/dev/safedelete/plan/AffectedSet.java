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
    public static final class Edge {
        long rows;
        final List<Object[]> sample = new ArrayList<>();

        public long rows() {
            return rows;
        }

        public List<Object[]> sample() {
            return Collections.unmodifiableList(sample);
        }
    }

    final Map<TableName, KeySet> deleted = new LinkedHashMap<>();
    final Map<Group, KeySet> groups = new TreeMap<>();
    final Map<TableName, Tally> tallies = new LinkedHashMap<>();
    final Map<BlockerKey, KeySet> blockers = new LinkedHashMap<>();
    final List<Update> updates = new ArrayList<>();
    final Map<String, Edge> edges = new LinkedHashMap<>();
    final Map<String, Long> selfReferencingRows = new LinkedHashMap<>();
    final List<String> settledByDeletion = new ArrayList<>();
    final Map<String, RelationshipRule> rules;
    final List<Object[]> roots = new ArrayList<>();
    final List<Object[]> missingRoots = new ArrayList<>();
    int depth;
    boolean limitExceeded;

    AffectedSet(Map<String, RelationshipRule> rules) {
        this.rules = rules;
    }

    @Override
    public List<Updated> updated() {
        return updates.stream().map(u -> new Updated(u.rule().relationship(), u.outcome(), u.columns(), u.rows()))
                .toList();
    }

    @Override
    public Map<TableName, KeySet> deleted() {
        return Collections.unmodifiableMap(deleted);
    }

    /** Every (table, outcome) group whose keys are listed, DELETE included, in a stable order; tallies are not. */
    public Map<Group, KeySet> groups() {
        return Collections.unmodifiableMap(groups);
    }

    @Override
    public Map<TableName, Tally> tallies() {
        return Collections.unmodifiableMap(tallies);
    }

    /** The rows of every (table, outcome) group, listed or tallied, in a stable order. */
    public Map<Group, Long> counts() {
        var out = new TreeMap<Group, Long>();
        groups.forEach((g, keys) -> out.put(g, (long) keys.size()));
        tallies.forEach((t, tally) -> out.put(new Group(t, Outcome.DELETE), tally.rows()));
        return out;
    }

    public Map<BlockerKey, KeySet> blockers() {
        return Collections.unmodifiableMap(blockers);
    }

    public List<Update> updates() {
        return Collections.unmodifiableList(updates);
    }

    public Map<String, Edge> edges() {
        return Collections.unmodifiableMap(edges);
    }

    public Map<String, RelationshipRule> rules() {
        return rules;
    }

    /** Rows that reference themselves through a self-referencing relationship, by relationship id. */
    public Map<String, Long> selfReferencingRows() {
        return Collections.unmodifiableMap(selfReferencingRows);
    }

    /**
     * Blocking relationships (RESTRICT, NO ACTION) whose every reached row is deleted through another path, so they do
     * not block: the "diamond" a database's own single-statement DELETE may decide differently.
     */
    public List<String> settledByDeletion() {
        return Collections.unmodifiableList(settledByDeletion);
    }

    /** The root keys found, in the order the caller gave them. */
    public List<Object[]> roots() {
        return Collections.unmodifiableList(roots);
    }

    /** Root keys that match no row. */
    public List<Object[]> missingRoots() {
        return Collections.unmodifiableList(missingRoots);
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
