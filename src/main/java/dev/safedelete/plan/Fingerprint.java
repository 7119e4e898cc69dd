package dev.safedelete.plan;

/**
 * The order-independent digest of one (table, outcome) group: how many rows, and a hash of their keys. Two
 * derivations touching the same rows give equal fingerprints; drift is a group whose fingerprint differs, and
 * {@code rows} says how many rows it had, with no text to take apart.
 *
 * @param hash for listed keys, two sums of 64-bit key hashes in hex; for a tally, {@code tally:} and the database's
 *             sum in hex (so a listed group and a tallied one never compare equal)
 */
public record Fingerprint(long rows, String hash) {
}
