package dev.safedelete.api;

import dev.safedelete.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.safedelete.store.DeletePlanEntity;
import dev.safedelete.store.ExecutionEntity;
import dev.safedelete.store.ExecutionPage;
import dev.safedelete.store.PlanStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The audit trail: every execution, who ran it, what it changed and how it ended. */
@Path("/api/v1/executions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions", description = "The audit trail of executions")
@RolesAllowed(Roles.VIEWER)
public class ExecutionsResource {

    /** A page of executions, newest first. */
    public record ExecutionsPage(List<ExecutionView> items, String nextCursor) {
    }

    @Inject
    PlanStore store;
    @Inject
    ExecutionService executions;
    @Inject
    dev.safedelete.security.TargetAccess access;

    @GET
    @Operation(summary = "List executions", description = "Executions newest first, optionally of one target, paged "
            + "with limit and the opaque cursor of the previous page.")
    @APIResponse(responseCode = "200", description = "A page of executions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionsPage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExecutionsPage list(@Parameter(description = "only this target") @QueryParam("target") String target,
                               @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
                               @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ProblemException.badRequest("invalid-limit", "Invalid limit", "limit: between 1 and 100",
                    Map.of("field", "limit"));
        }
        Optional<ExecutionPage> after = Optional.ofNullable(cursor).map(ExecutionsResource::decode);
        if (target != null) {
            access.require(target);
        }
        // Executions of targets the principal may not use are left out, as if they did not exist; pages are read
        // until they are full so that a restricted principal still gets whole pages.
        var visible = new java.util.ArrayList<ExecutionEntity>();
        Optional<ExecutionPage> from = after;
        boolean more = true;
        while (visible.size() <= size && more) {
            List<ExecutionEntity> found = store.listExecutions(Optional.ofNullable(target), from, size + 1);
            more = found.size() == size + 1;
            for (ExecutionEntity e : found) {
                if (access.allowed(e.target) && visible.size() <= size) {
                    visible.add(e);
                }
            }
            if (!found.isEmpty()) {
                ExecutionEntity last = found.get(found.size() - 1);
                from = Optional.of(new ExecutionPage(last.startedAt, last.id));
            }
        }
        String next = visible.size() > size ? encode(visible.get(size - 1)) : null;
        return new ExecutionsPage(visible.stream().limit(size).map(this::view).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an execution", description = "Who ran which plan, when, what was changed, and the outcome.")
    @APIResponse(responseCode = "200", description = "The execution",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown execution",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExecutionView get(@PathParam("id") UUID id) {
        return view(store.findExecution(id).filter(e -> access.allowed(e.target))
                .orElseThrow(() -> ProblemException.notFound("execution-not-found",
                        "Execution not found", "No execution with id " + id, Map.of("executionId", id))));
    }

    private ExecutionView view(ExecutionEntity e) {
        String table = store.findPlan(e.planId).map((DeletePlanEntity p) -> p.tableName).orElse(null);
        return executions.view(e, table);
    }

    private static String encode(ExecutionEntity e) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((e.startedAt.toString() + "|" + e.id).getBytes(StandardCharsets.US_ASCII));
    }

    private static ExecutionPage decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\|");
            return new ExecutionPage(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-cursor", "Invalid cursor",
                    "cursor: not a cursor this service gave out", Map.of("field", "cursor"));
        }
    }
}
