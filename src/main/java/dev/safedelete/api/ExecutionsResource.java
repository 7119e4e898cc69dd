package dev.safedelete.api;

import dev.safedelete.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.safedelete.execute.ExecutionService;
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

import java.util.List;
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
    ExecutionService executions;

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
        ExecutionService.Page page = executions.list(target, Paging.limit(limit, 20, 100), cursor);
        return new ExecutionsPage(page.items().stream().map(ExecutionView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an execution", description = "Who ran which plan, when, what was changed, and the outcome.")
    @APIResponse(responseCode = "200", description = "The execution",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown execution",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExecutionView get(@PathParam("id") UUID id) {
        return ExecutionView.of(executions.find(id));
    }
}
