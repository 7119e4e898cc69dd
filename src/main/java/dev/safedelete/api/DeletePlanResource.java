package dev.safedelete.api;

import dev.safedelete.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedKeys;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.Outcome;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.GenericDialect;
import dev.safedelete.target.CatalogCache;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    ExecutionService executions;
    @Inject
    TargetRegistry registry;
    @Inject
    CatalogCache catalogs;

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
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw ProblemException.badRequest("invalid-limit", "Invalid limit", "limit: between 1 and 1000",
                    Map.of("field", "limit"));
        }
        int[] from = cursor == null ? new int[]{0, 0} : decodeCursor(cursor);
        var stored = plans.find(id);
        Optional<Catalog> catalog = catalogOf(stored.entity().target);
        var sections = new ArrayList<AffectedKeys.Section>();
        AffectedKeys.read(blob(stored), new AffectedKeys.Visitor() {
            @Override
            public boolean section(AffectedKeys.Section s) {
                if (!s.isUpdate() && s.index() >= from[0]
                        && (action == null || action == s.outcome())
                        && (table == null || matches(s.table(), table))) {
                    sections.add(s);
                }
                return false;
            }

            @Override
            public boolean key(AffectedKeys.Section s, int position, Object[] key) {
                return true;
            }
        });
        var items = new ArrayList<AffectedRow>();
        String next = null;
        for (AffectedKeys.Section s : sections) {
            int start = s.index() == from[0] ? from[1] : 0;
            if (start >= s.rows()) {
                continue;
            }
            int take = (int) Math.min(size - items.size(), s.rows() - start);
            if (take == 0) {
                next = encodeCursor(s.index(), start);
                break;
            }
            List<Object[]> keys = s.isTally() ? plans.tallyRows(stored, s, start, take)
                    : groupKeys(stored, s, start, take);
            keys.forEach(key -> items.add(new AffectedRow(s.table().qualified(), s.outcome(),
                    keyObject(catalog, s.table(), key))));
            if (start + take < s.rows()) {
                next = encodeCursor(s.index(), start + take);
                break;
            }
        }
        return new RowsPage(items, next);
    }

    /** Keys {@code start} to {@code start + take} of a listed section. */
    private static List<Object[]> groupKeys(DeletePlanService.Stored stored, AffectedKeys.Section section, int start,
                                            int take) {
        var out = new ArrayList<Object[]>(take);
        AffectedKeys.read(blob(stored), new AffectedKeys.Visitor() {
            @Override
            public boolean section(AffectedKeys.Section s) {
                return s.index() == section.index();
            }

            @Override
            public boolean key(AffectedKeys.Section s, int position, Object[] key) {
                if (position >= start) {
                    out.add(key);
                }
                return out.size() < take;
            }
        });
        return out;
    }

    @GET
    @Path("/script")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The SQL an execution runs",
            description = "The statements execution would run for this plan, in order, readable by a DBA: the "
                    + "updates, then the deletes children first, in the batches the executor uses. Before them the "
                    + "executor locks and re-derives every row (not shown row by row); rows on a cycle are deleted "
                    + "level by level, and a leaf table's counted rows are deleted by their parents' keys, as "
                    + "the comments say.")
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
        var stored = plans.find(id);
        DeletePlan plan = stored.plan();
        Target target = TargetsResource.require(registry, plan.target());
        Dialect dialect = target.dialect().orElseGet(GenericDialect::new);
        Optional<Catalog> catalog = catalogOf(plan.target());
        var sql = new StringBuilder();
        sql.append("-- SafeDelete plan ").append(plan.id()).append(" on target ").append(plan.target())
                .append(": delete ").append(plan.table()).append(' ').append(plan.keys()).append('\n');
        sql.append("-- status ").append(plan.status()).append(", mode ").append(plan.mode()).append('\n');
        if (!plan.blockers().isEmpty()) {
            sql.append("-- BLOCKED: execution refuses this plan; the statements below are what it would run otherwise\n");
        }
        sql.append("BEGIN;\n");
        sql.append("-- lock the roots and every affected row (SELECT ... FOR UPDATE per relationship), derive the set "
                + "again and compare it with this plan: any difference rolls back\n");
        for (DeletePlan.Step step : plan.steps()) {
            sql.append("-- step ").append(step.order()).append(": ").append(step.action()).append(' ')
                    .append(step.rows()).append(" row(s) of ").append(step.table())
                    .append(step.relationship() == null ? "" : " through " + step.relationship())
                    .append(step.how() == null ? "" : " (" + step.how() + ")").append('\n');
            appendStatements(sql, stored, dialect, catalog, step);
        }
        sql.append("COMMIT;\n");
        return sql.toString();
    }

    private void appendStatements(StringBuilder sql, DeletePlanService.Stored stored, Dialect dialect,
                                  Optional<Catalog> catalog, DeletePlan.Step step) {
        if (step.action() == Outcome.DELETE && step.relationship() != null) {
            appendTalliedDelete(sql, stored, dialect, catalog, step);
            return;
        }
        boolean update = step.action() != Outcome.DELETE;
        appendBatched(sql, stored, dialect, s -> {
            boolean wanted = update
                    ? s.isUpdate() && s.relationship().equals(step.relationship())
                    : s.isDeleteGroup() && s.table().qualified().equals(step.table());
            if (!wanted) {
                return Optional.empty();
            }
            Optional<Table> table = catalog.flatMap(c -> c.table(s.table()));
            String head = update ? "UPDATE " + dialect.table(s.table()) + " SET " + table.map(t -> dialect.setColumns(t,
                    s.columns(), step.action() == Outcome.SET_DEFAULT)).orElse("/* " + s.table()
                    + " is no longer in the catalog */") + " WHERE "
                    : "DELETE FROM " + dialect.table(s.table()) + " WHERE ";
            return Optional.of(new Batched(head, table.map(Table::primaryKey).orElse(genericColumns(s.arity())),
                    key -> key));
        });
    }

    /**
     * A counted leaf group goes by its parents' keys: the statements are read off the parent table's DELETE group,
     * which the plan lists. (PostgreSQL runs each as a DELETE ... RETURNING whose count and hash are checked, MariaDB
     * counts under FOR UPDATE first; the plain DELETE is what both amount to.)
     */
    private void appendTalliedDelete(StringBuilder sql, DeletePlanService.Stored stored, Dialect dialect,
                                     Optional<Catalog> catalog, DeletePlan.Step step) {
        Optional<Relationship> found = catalog.flatMap(c -> c.relationship(step.relationship()));
        Optional<Table> parentTable = found.flatMap(r -> catalog.flatMap(c -> c.table(r.parentTable())));
        if (parentTable.isEmpty()) {
            sql.append("-- ").append(step.relationship()).append(" is no longer in the catalog\n");
            return;
        }
        Relationship r = found.get();
        Table parent = parentTable.get();
        var statement = new Batched("DELETE FROM " + dialect.table(r.childTable()) + " WHERE ", r.childColumns(),
                key -> dev.safedelete.plan.LeafTallies.referencedValues(r, parent, List.<Object[]>of(key)).get(0));
        appendBatched(sql, stored, dialect, s -> s.isDeleteGroup() && s.table().equals(parent.name())
                ? Optional.of(statement) : Optional.empty());
    }

    /** Statements {@code head} + a key predicate on {@code columns}, over the keys of a section, each mapped first. */
    private record Batched(String head, List<String> columns, java.util.function.UnaryOperator<Object[]> key) {
    }

    /** One statement per batch of the executor's size, for each stored section {@code statementFor} answers. */
    private void appendBatched(StringBuilder sql, DeletePlanService.Stored stored, Dialect dialect,
                               java.util.function.Function<AffectedKeys.Section, Optional<Batched>> statementFor) {
        AffectedKeys.read(blob(stored), new AffectedKeys.Visitor() {
            private final List<Object[]> batch = new ArrayList<>();
            private Batched statement;

            @Override
            public boolean section(AffectedKeys.Section s) {
                statement = statementFor.apply(s).orElse(null);
                return statement != null;
            }

            @Override
            public boolean key(AffectedKeys.Section s, int position, Object[] key) {
                batch.add(statement.key().apply(key));
                if (batch.size() == dialect.keysPerStatement(statement.columns().size()) || position == s.size() - 1) {
                    sql.append(statement.head()).append(SqlLiterals.keyPredicate(dialect, statement.columns(), batch))
                            .append(";\n");
                    batch.clear();
                }
                return true;
            }
        });
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
        return executions.execute(id, request);
    }

    private Optional<Catalog> catalogOf(String target) {
        try {
            return registry.find(target).map(t -> catalogs.get(t).catalog());
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    private static byte[] blob(DeletePlanService.Stored stored) {
        return stored.entity().affectedKeys;
    }

    private static boolean matches(TableName t, String given) {
        return t.qualified().equals(given) || t.name().equals(given)
                || t.qualified().equalsIgnoreCase(given) || t.name().equalsIgnoreCase(given);
    }

    private static Map<String, Object> keyObject(Optional<Catalog> catalog, TableName t, Object[] key) {
        List<String> columns = catalog.flatMap(c -> c.table(t)).map(Table::primaryKey).orElse(genericColumns(key.length));
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < key.length; i++) {
            out.put(i < columns.size() ? columns.get(i) : "c" + (i + 1), key[i]);
        }
        return out;
    }

    private static List<String> genericColumns(int arity) {
        var out = new ArrayList<String>();
        for (int i = 1; i <= arity; i++) {
            out.add("c" + i);
        }
        return out;
    }

    static String encodeCursor(int section, int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((section + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    static int[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            int[] out = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            if (parts.length != 2 || out[0] < 0 || out[1] < 0) {
                throw new IllegalArgumentException();
            }
            return out;
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-cursor", "Invalid cursor",
                    "cursor: not a cursor this service gave out", Map.of("field", "cursor"));
        }
    }
}
