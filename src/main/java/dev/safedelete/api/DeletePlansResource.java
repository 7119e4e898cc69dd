package dev.safedelete.api;

import dev.safedelete.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.DeletePlanService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Making a delete plan: the preview of what deleting rows of a target does. */
@Path("/api/v1/targets/{target}/delete-plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "delete plans", description = "Preview a delete, then confirm it")
public class DeletePlansResource {

    static final String REQUEST_EXAMPLE = """
            {"table": "public.customers", "keys": [{"id": 1001}], "mode": "FOLLOW_RULES", "sampleSize": 3}""";

    static final String PLAN_EXAMPLE = """
            {"id":"0b0f7f7e-3f7d-4a61-9d0e-5a8f2c1d9e01","target":"demo","table":"public.customers",\
            "keys":[{"id":1001}],"mode":"FOLLOW_RULES","overrides":{},"status":"READY",\
            "createdAt":"2026-01-15T09:30:00Z","expiresAt":"2026-01-15T09:45:00Z",\
            "confirmationToken":"5f2c0c1e…",\
            "summary":{"DELETE":{"rows":41,"tables":6},"SET_NULL":{"rows":2,"tables":1},\
            "SET_DEFAULT":{"rows":0,"tables":0},"BLOCK":{"rows":0,"tables":0}},\
            "tables":[{"table":"public.customers","action":"DELETE","rows":1},\
            {"table":"public.orders","action":"DELETE","rows":3},\
            {"table":"public.order_items","action":"DELETE","rows":9}],\
            "tree":{"table":"public.customers","action":"DELETE","rows":1,"sample":[{"id":1001}],\
            "children":[{"relationship":"public.orders.orders_customer_id_fkey","rule":"CASCADE",\
            "table":"public.orders","action":"DELETE","rows":3,"sample":[{"id":5001}],"children":[]}]},\
            "blockers":[],\
            "steps":[{"order":1,"table":"public.order_items","action":"DELETE","rows":9},\
            {"order":2,"table":"public.orders","action":"DELETE","rows":3},\
            {"order":3,"table":"public.customers","action":"DELETE","rows":1}],\
            "warnings":[]}""";

    @Inject
    DeletePlanService plans;

    @POST
    @RolesAllowed(Roles.PLANNER)
    @Operation(summary = "Make a delete plan",
            description = "Walks every relationship from the given rows and answers, row by row, what deleting them "
                    + "does: which rows are deleted, set to NULL, set to their default, or block the delete "
                    + "(semantics.md). Nothing is changed. The plan is kept for execution until it expires; its "
                    + "confirmationToken identifies this exact affected set.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeletePlanRequest.class),
            examples = @ExampleObject(name = "demo customer", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The plan, READY or BLOCKED; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletePlan.class),
                    examples = @ExampleObject(name = "demo customer", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is wrong: unknown column, wrong type, ambiguous table, "
            + "unknown relationship in overrides, too many keys",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown target or table, or keys that match no row (listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The target database cannot be reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("target") String target, @Valid @NotNull DeletePlanRequest request) {
        DeletePlan plan = plans.create(target, new DeletePlanService.Order(request.table(), request.keys(),
                request.mode(), request.overrides(), request.sampleSize()));
        return Response.created(URI.create("/api/v1/delete-plans/" + plan.id())).entity(plan).build();
    }
}
