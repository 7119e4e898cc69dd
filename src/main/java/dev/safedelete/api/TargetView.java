package dev.safedelete.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A target as the API shows it: never its URL or credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Target", description = "A configured target database and the state of its connection.")
public record TargetView(
        @Schema(example = "demo") String name,
        @Schema(description = "Database product as the driver reports it; absent until the target was reached once",
                example = "H2") String product,
        @Schema(example = "2.4.240 (2025-09-22)") String version,
        @Schema(description = "A read-only target can be previewed but not executed against") boolean readOnly,
        @Schema(description = "Whether the last connection check succeeded") TargetStatus.State status,
        @Schema(description = "Why the target is DOWN; absent when UP") String reason,
        @Schema(description = "When the status was established") Instant checkedAt) {

    static TargetView of(Target target) {
        TargetStatus status = target.status();
        return new TargetView(target.name(), status.product(), status.version(), target.readOnly(), status.state(),
                status.reason(), status.checkedAt());
    }
}
