package dev.safedelete.execute;

import dev.safedelete.execute.ExecutionFailure.Kind;
import dev.safedelete.sql.Dialect;

import java.sql.SQLException;
import java.time.Duration;

/** What a database error during an execution means for its caller, as the dialect classifies it. */
final class Failures {

    private Failures() {
    }

    static ExecutionFailure of(Dialect dialect, Duration lockTimeout, SQLException e) {
        return switch (dialect.classify(e)) {
            case LOCK_TIMEOUT -> new ExecutionFailure(Kind.LOCK_TIMEOUT,
                    "rows stayed locked by another transaction past " + lockTimeout.toMillis() + " ms", e);
            case STATEMENT_TIMEOUT -> new ExecutionFailure(Kind.STATEMENT_TIMEOUT, "a statement ran past its timeout", e);
            case CONNECTION_LOST -> new ExecutionFailure(Kind.CONNECTION_LOST,
                    "the connection to the target was lost: " + e.getMessage(), e);
            case REFUSED -> new ExecutionFailure(Kind.REFUSED, e.getMessage(), e);
        };
    }
}
