package dev.safedelete.api;

import dev.safedelete.catalog.Rule;
import dev.safedelete.plan.Mode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/targets/{target}/delete-plans}. */
@Schema(description = "What to delete: rows of one table by primary key, and how to treat the relationships")
public record DeletePlanRequest(
        @Schema(description = "schema.table, or a bare table name when it is unique", example = "public.customers")
        @NotBlank String table,
        @Schema(description = "The roots: one object per row giving every primary-key column")
        @NotEmpty List<Map<String, Object>> keys,
        @Schema(description = "FOLLOW_RULES (default) or CASCADE_ALL (RESTRICT and NO ACTION become CASCADE)")
        Mode mode,
        @Schema(description = "A rule per relationship id (schema.table.constraint), first in precedence")
        Map<String, Rule> overrides,
        @Schema(description = "Sample keys per tree node and blocker (default 5)", minimum = "0", maximum = "100")
        @Min(0) @Max(100) Integer sampleSize) {
}
