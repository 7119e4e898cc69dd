package dev.safedelete.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/**
 * Test-only endpoints shaped like the real API (a JSON body with nested keys, an enum, validated numbers), so the
 * problem-detail mapping can be tested before the delete-plan endpoints exist. Hidden from the OpenAPI document.
 */
@Path("/test/problems")
public class ProblemProbeResource {

    public enum Mode { FOLLOW_RULES, CASCADE_ALL }

    public record Key(@NotNull Integer id) {
    }

    public record ProbeRequest(@NotBlank String table,
                               @NotEmpty List<@Valid Key> keys,
                               Mode mode,
                               @Min(1) @Max(100) Integer sampleSize) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> echo(@Valid @NotNull ProbeRequest request) {
        return Map.of("table", request.table(), "keys", request.keys().size());
    }

    @GET
    @Path("/page")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> page(@QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        return Map.of("limit", limit == null ? 50 : limit);
    }

    @GET
    @Path("/boom")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> boom() {
        throw new IllegalStateException("a bug of ours, with an internal detail that must not reach the caller");
    }

    @GET
    @Path("/conflict")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> conflict() {
        throw ProblemException.conflict("plan-drift", "The data changed since the preview",
                "2 more rows would be deleted in public.orders", Map.of("differences", List.of(Map.of(
                        "table", "public.orders", "action", "DELETE", "planned", 3, "now", 5))));
    }
}
