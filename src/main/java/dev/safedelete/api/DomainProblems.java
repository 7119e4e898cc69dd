package dev.safedelete.api;

import dev.safedelete.catalog.AmbiguousTableException;
import dev.safedelete.catalog.UnknownTableException;
import dev.safedelete.error.InvalidRequestException;
import dev.safedelete.error.SafeDeleteException;
import dev.safedelete.execute.ExecutionFailedException;
import dev.safedelete.execute.ExecutionNotFoundException;
import dev.safedelete.execute.PlanNotExecutableException;
import dev.safedelete.plan.PlanDriftException;
import dev.safedelete.plan.PlanNotFoundException;
import dev.safedelete.plan.PlanningFailedException;
import dev.safedelete.plan.RowsNotFoundException;
import dev.safedelete.security.TargetForbiddenException;
import dev.safedelete.target.TargetReadOnlyException;
import dev.safedelete.target.TargetUnavailableException;
import dev.safedelete.target.UnknownTargetException;

import java.util.Locale;
import java.util.Optional;

/**
 * The one place a domain exception becomes an HTTP answer: its status, problem type and title. The detail is the
 * exception's message, the extra members are its facts.
 */
public final class DomainProblems {

    private static final String DATA_CHANGED = "The data changed since the preview";

    private DomainProblems() {
    }

    private record Answer(int status, String slug, String title) {
    }

    /** The problem answering {@code e}; empty for a subclass nobody mapped yet (answered as an internal error). */
    public static Optional<ProblemException> of(SafeDeleteException e) {
        return answer(e).map(a -> new ProblemException(a.status(), a.slug(), a.title(), e.getMessage(), e.facts()));
    }

    private static Optional<Answer> answer(SafeDeleteException e) {
        Answer answer = null;
        if (e instanceof InvalidRequestException invalid) {
            answer = new Answer(400, slug(invalid.reason()), switch (invalid.reason()) {
                case TOO_MANY_KEYS -> "Too many keys";
                case INVALID_KEY -> "Invalid key";
                case INVALID_OVERRIDE -> "Invalid override";
                case UNKNOWN_RELATIONSHIP -> "Unknown relationship";
                case CONFIRMATION_TOKEN_MISSING -> "Confirmation token missing";
                case CONFIRMATION_TOKEN_MISMATCH -> "Wrong confirmation token";
                case INVALID_CURSOR -> "Invalid cursor";
            });
        } else if (e instanceof UnknownTargetException) {
            answer = new Answer(404, "target-not-found", "Target not found");
        } else if (e instanceof TargetUnavailableException) {
            answer = new Answer(503, "target-unavailable", "Target unavailable");
        } else if (e instanceof TargetReadOnlyException) {
            answer = new Answer(403, "target-read-only", "Target is read-only");
        } else if (e instanceof TargetForbiddenException) {
            answer = new Answer(403, "forbidden", "Forbidden");
        } else if (e instanceof UnknownTableException) {
            answer = new Answer(404, "table-not-found", "Table not found");
        } else if (e instanceof AmbiguousTableException) {
            answer = new Answer(400, "ambiguous-table", "Ambiguous table");
        } else if (e instanceof PlanNotFoundException) {
            answer = new Answer(404, "plan-not-found", "Plan not found");
        } else if (e instanceof RowsNotFoundException) {
            answer = new Answer(404, "rows-not-found", "Rows not found");
        } else if (e instanceof PlanDriftException drift) {
            answer = new Answer(409, "plan-drift", drift.changed() == PlanDriftException.Changed.SCHEMA
                    ? "The schema changed since the preview" : DATA_CHANGED);
        } else if (e instanceof PlanningFailedException failed) {
            answer = switch (failed.reason()) {
                case TIMEOUT -> new Answer(503, "planning-timeout", "Planning timed out");
                case TARGET_ERROR -> new Answer(503, "target-error", "Target database error");
            };
        } else if (e instanceof PlanNotExecutableException refused) {
            answer = switch (refused.reason()) {
                case BLOCKED -> new Answer(422, "plan-blocked", "Plan is blocked");
                case EXPIRED -> new Answer(410, "plan-expired", "Plan expired");
                case ALREADY_EXECUTED -> new Answer(409, "plan-already-executed", "Plan already executed");
            };
        } else if (e instanceof ExecutionNotFoundException) {
            answer = new Answer(404, "execution-not-found", "Execution not found");
        } else if (e instanceof ExecutionFailedException failed) {
            answer = switch (failed.kind()) {
                case DRIFT, COUNT_MISMATCH -> new Answer(409, "plan-drift", DATA_CHANGED);
                case LOCK_TIMEOUT -> new Answer(423, "rows-locked", "Rows are locked");
                case STATEMENT_TIMEOUT -> new Answer(503, "statement-timeout", "Statement timed out");
                case CONNECTION_LOST -> new Answer(503, "target-connection-lost", "Target connection lost");
                case REFUSED -> new Answer(409, "execution-refused", "The target refused the delete");
                case COMMIT_UNKNOWN -> new Answer(503, "commit-outcome-unknown", "Commit outcome unknown");
            };
        }
        return Optional.ofNullable(answer);
    }

    private static String slug(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
