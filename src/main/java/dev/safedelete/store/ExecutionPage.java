package dev.safedelete.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a page of executions continues: after the execution started at {@code startedAt} with id {@code id}
 * (newest first). The API turns it into an opaque cursor.
 */
public record ExecutionPage(Instant startedAt, UUID id) {
}
