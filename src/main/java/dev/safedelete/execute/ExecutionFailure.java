package dev.safedelete.execute;

import java.util.List;

/**
 * Why an execution changed nothing (or, for {@link Kind#COMMIT_UNKNOWN}, why nobody can say). Every kind but that one
 * is thrown only after the transaction was rolled back.
 */
public final class ExecutionFailure extends Exception {

    public enum Kind {
        /** The data changed since the preview; {@link #differences()} says how. */
        DRIFT,
        LOCK_TIMEOUT,
        STATEMENT_TIMEOUT,
        CONNECTION_LOST,
        /** The database refused a statement (a constraint, a trigger); the message is the database's own. */
        REFUSED,
        /** A statement affected another number of rows than the plan expects. */
        COUNT_MISMATCH,
        /** The connection was lost while committing and the database could not be asked afterwards. */
        COMMIT_UNKNOWN
    }

    /** One table and outcome whose rows differ from the plan's. */
    public record Difference(String table, String action, long plannedRows, long currentRows) {
    }

    private final Kind kind;
    private final List<Difference> differences;

    public ExecutionFailure(Kind kind, String message, List<Difference> differences, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.differences = List.copyOf(differences);
    }

    public ExecutionFailure(Kind kind, String message, Throwable cause) {
        this(kind, message, List.of(), cause);
    }

    public Kind kind() {
        return kind;
    }

    public List<Difference> differences() {
        return differences;
    }
}
