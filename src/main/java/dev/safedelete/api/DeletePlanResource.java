package dev.safedelete.api;

import dev.safedelete.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.safedelete.execute.ExecutionService;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.DeletePlanService;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.PlanRows;
import dev.safedelete.execute.ScriptService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored plan: reading it, paging through its rows, its SQL, and confirming it. */
@Path("/api/v1/delete-plans/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "delete plans", description = "Preview a delete, then confirm it")
public class DeletePlanResource {

    /** One affected row: its table, outcome and primary key. */
    public record AffectedRow(String table, Outcome action, Map<String, Object> key) {
    }

    /** A page of affected rows; {@code nextCursor} is absent on the last page. */
    public record RowsPage(List<AffectedRow> items, String nextCursor) {
    }

    private static final String EXECUTION_EXAMPLE = """
            {"id":"7c1d2e3f-0a1b-4c5d-8e9f-a0b1c2d3e4f5","planId":"0b0f7f7e-3f7d-4a61-9d0e-5a8f2c1d9e01",\
            "target":"demo","table":"public.customers","status":"COMMITTED",\
            "tables":[{"table":"public.customers","action":"DELETE","rows":1},\
            {"table":"public.orders","action":"DELETE","rows":3}],\
            "startedAt":"2026-01-15T09:31:00Z","finishedAt":"2026-01-15T09:31:00.120Z"}""";

    @Inject
    DeletePlanService plans;
    @Inject
    PlanRows planRows;
    @Inject
    ScriptService script;
    @Inject
    ExecutionService executions;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Read a delete plan",
            description = "The plan as it was previewed, with its current status (READY, BLOCKED, EXECUTED, FAILED "
                    + "or EXPIRED).")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletePlan.class),
                    examples = @ExampleObject(name = "demo customer", value = DeletePlansResource.PLAN_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Unknown plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeletePlan get(@PathParam("id") UUID id) {
        return plans.find(id).plan();
    }

    @GET
    @Path("/rows")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Page through a plan's rows",
            description = "Every affected row's primary key, by table and outcome, exactly as the plan counted them. "
                    + "Filter with table (schema.table or a bare name) and action; page with limit and the opaque "
                    + "cursor of the previous page. A leaf table's rows the plan counted instead of listing them "
                    + "(see the step that says so) are read from the target, after checking that they are still "
                    + "exactly the rows counted: if not, 409 plan-drift.")
    @APIResponse(responseCode = "200", description = "A page of rows",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RowsPage.class),
                    examples = @ExampleObject(name = "orders of customer 1001", value = """
                            {"items":[{"table":"public.orders","action":"DELETE","key":{"id":5001}},\
                            {"table":"public.orders","action":"DELETE","key":{"id":5002}}],"nextCursor":"MTo1"}""")))
    @APIResponse(responseCode = "400", description = "A bad limit, action or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Rows the plan counted without listing them have changed since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RowsPage rows(@PathParam("id") UUID id,
                         @Parameter(description = "schema.table or a bare table name") @QueryParam("table") String table,
                         @Parameter(description = "DELETE, SET_NULL, SET_DEFAULT or BLOCK") @QueryParam("action") Outcome action,
                         @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") Integer limit,
                         @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit, 100, 1000);
        PlanRows.Page page = planRows.page(id, table, action, size, cursor);
        return new RowsPage(page.items().stream().map(r -> new AffectedRow(r.table(), r.action(), r.key())).toList(),
                page.nextCursor());
    }

    @GET
    @Path("/script")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The SQL an execution runs",
            description = "The statements execution would run for this plan, in order, readable by a DBA: the "
                    + "updates, then the deletes children first, in the batches the executor uses. Before them the "
                    + "executor locks and re-derives every row (not shown row by row). The statements are the ones "
                    + "the executor runs, built by the same code from the keys stored with the plan: a "
                    + "self-referencing table or a cycle goes whatever its depth (one statement on PostgreSQL, key "
                    + "batches with checks off on MariaDB, level by level only on H2), and a leaf table's counted "
                    + "rows by their parents' keys or the database's own cascade, as the comments say.")
    @APIResponse(responseCode = "200", description = "SQL text",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "demo customer", value = """
                    -- SafeDelete plan 0b0f7f7e-… on target demo: delete public.customers [{id=1001}]
                    BEGIN;
                    DELETE FROM "public"."order_items" WHERE ("order_id", "line_no") IN ((5001, 1), (5001, 2));
                    DELETE FROM "public"."orders" WHERE "id" IN (5001);
                    DELETE FROM "public"."customers" WHERE "id" IN (1001);
                    COMMIT;""")))
    @APIResponse(responseCode = "404", description = "Unknown plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String script(@PathParam("id") UUID id) {
        return script.of(id);
    }

    @POST
    @Path("/execution")
    @RolesAllowed(Roles.EXECUTOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Execute a plan",
            description = "Confirms the plan with its confirmationToken and runs it in one transaction: locks the "
                    + "rows, derives the affected set again, refuses any difference (409 plan-drift), applies the "
                    + "updates and the deletes children first, checks every statement's row count and commits. Any "
                    + "failure rolls back and changes nothing. A plan is executed at most once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExecutionRequest.class),
            examples = @ExampleObject(name = "confirm", value = "{\"confirmationToken\": \"5f2c0c1e…\"}")))
    @APIResponse(responseCode = "200", description = "Committed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionView.class),
                    examples = @ExampleObject(name = "committed", value = EXECUTION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Missing or wrong confirmation token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The target is read-only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The data changed since the preview (type …/plan-drift, with "
            + "the differences per table and outcome), the plan was already executed, or the database refused a "
            + "statement (a trigger or constraint); nothing was changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The plan expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The plan is BLOCKED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "423", description = "Rows stayed locked by others past the lock timeout",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The target failed, timed out or went away; rolled back",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExecutionView execute(@PathParam("id") UUID id, ExecutionRequest request) {
        return ExecutionView.of(executions.execute(id, request == null ? null : request.confirmationToken()));
    }
}
