package dev.safedelete.execute;

/**
 * How one execution of a plan ended, or that it has not yet. Persisted by name: a new value needs no migration, a
 * renamed one does.
 */
public enum ExecutionStatus {
    /** Started, not finished. */
    RUNNING,
    COMMITTED,
    /** Nothing was changed: refused before or rolled back after the first statement. */
    ROLLED_BACK,
    /** The connection broke during COMMIT and the target could not be asked afterwards: it may have committed. */
    UNKNOWN
}
