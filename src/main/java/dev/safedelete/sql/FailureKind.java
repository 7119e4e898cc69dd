package dev.safedelete.sql;

/** What a database error means for an execution; every kind rolls back, each answers differently. */
public enum FailureKind {
    /** Rows stayed locked by someone else past the lock timeout. */
    LOCK_TIMEOUT,
    /** A statement ran past its timeout and was cancelled. */
    STATEMENT_TIMEOUT,
    /** The connection went away. */
    CONNECTION_LOST,
    /** The database refused a statement: a constraint, a trigger raising an error, a missing privilege. */
    REFUSED
}
