package dev.safedelete.target;

import java.time.Instant;

/**
 * The last known state of a target's connection.
 *
 * @param product   the database product as the driver reports it, {@code null} until the target was reached once
 * @param version   the product version, {@code null} until the target was reached once
 * @param reason    why the target is DOWN; {@code null} when UP
 * @param checkedAt when this status was established
 */
public record TargetStatus(State state, String product, String version, String reason, Instant checkedAt) {

    public enum State { UP, DOWN }

    public boolean up() {
        return state == State.UP;
    }

    static TargetStatus up(String product, String version, Instant at) {
        return new TargetStatus(State.UP, product, version, null, at);
    }

    /** Keeps the product and version learned earlier: they describe the target even while it is away. */
    TargetStatus down(String reason, Instant at) {
        return new TargetStatus(State.DOWN, product, version, reason, at);
    }

    static TargetStatus notChecked() {
        return new TargetStatus(State.DOWN, null, null, "not checked yet", Instant.EPOCH);
    }
}
