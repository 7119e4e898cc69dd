package dev.safedelete.api;

import dev.safedelete.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.safedelete.catalog.DependencyTree;
import dev.safedelete.catalog.RequestedTable;
import dev.safedelete.catalog.graph.GraphFormat;
import dev.safedelete.target.CatalogCache;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.LinkedHashMap;

import static dev.safedelete.api.SchemaExamples.AMBIGUOUS_TABLE;
import static dev.safedelete.api.SchemaExamples.DEMO_DEPENDENTS;
import static dev.safedelete.api.SchemaExamples.DEMO_DOT;
import static dev.safedelete.api.SchemaExamples.DEMO_MERMAID;
import static dev.safedelete.api.SchemaExamples.DEMO_SCHEMA;
import static dev.safedelete.api.SchemaExamples.INVALID_FORMAT;
import static dev.safedelete.api.SchemaExamples.TABLE_NOT_FOUND;
import static dev.safedelete.api.SchemaExamples.TARGET_NOT_FOUND;
import static dev.safedelete.api.SchemaExamples.TARGET_UNAVAILABLE;

/**
 * A target's schema as SafeDelete sees it: tables, relationships (real and declared), the tree of what deleting a
 * row of one table can reach, and the relationship graph to draw. Everything is read from the target's cached
 * catalog ({@link CatalogCache}); only {@code POST /schema/refresh} reads the database's catalog again.
 */
@Path("/api/v1/targets/{target}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schema", description = "The tables and relationships of a target, and what a delete can reach")
public class SchemaResource {

    /** The graph is text to draw; plain text renders in a browser and pastes into any tool. */
    static final String GRAPH_MEDIA_TYPE = MediaType.TEXT_PLAIN + ";charset=UTF-8";

    @Inject
    TargetRegistry registry;

    @Inject
    CatalogCache catalogs;

    @GET
    @Path("/schema")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get the schema",
            description = "Every table of the target (qualified name, primary key, unique keys, columns, triggers, "
                    + "the connected user's rights) and every relationship, real (source DATABASE) or declared in "
                    + "configuration (source DECLARED). Declared relationships that do not fit the schema are "
                    + "left out and listed in declarationErrors. The catalog is read once and cached; after a "
                    + "schema change, POST /schema/refresh.")
    @APIResponse(responseCode = "200", description = "The schema, as last loaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemaView.class),
                    examples = @ExampleObject(name = "demo (abridged)", value = DEMO_SCHEMA)))
    @APIResponse(responseCode = "404", description = "No target has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown target", value = TARGET_NOT_FOUND)))
    @APIResponse(responseCode = "503", description = "The catalog was never loaded and the target cannot be reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "target down", value = TARGET_UNAVAILABLE)))
    public SchemaView schema(@Parameter(description = "Target name", example = "demo") @PathParam("target") String name) {
        Target target = registry.require(name);
        return SchemaView.of(target.name(), catalogs.get(target));
    }

    @POST
    @Path("/schema/refresh")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reload the schema",
            description = "Reads the target's catalog again, checks the declared relationships against it, and "
                    + "replaces the cached catalog whole: a request running meanwhile sees the old schema or the "
                    + "new one, never a mix. Answers the new schema. Needed after DDL on the target (new tables, "
                    + "new or dropped foreign keys, changed rules), since plans follow the cached catalog.")
    @APIResponse(responseCode = "200", description = "The schema as just loaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemaView.class),
                    examples = @ExampleObject(name = "demo (abridged)", value = DEMO_SCHEMA)))
    @APIResponse(responseCode = "404", description = "No target has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown target", value = TARGET_NOT_FOUND)))
    @APIResponse(responseCode = "503", description = "The target cannot be reached; the cached schema is unchanged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "target down", value = TARGET_UNAVAILABLE)))
    public SchemaView refresh(@Parameter(description = "Target name", example = "demo") @PathParam("target") String name) {
        Target target = registry.require(name);
        return SchemaView.of(target.name(), catalogs.refresh(target));
    }

    @GET
    @Path("/tables/{table}/dependents")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get what deleting a row can reach",
            description = "The table-level tree of what deleting one row of the table can touch, read from the "
                    + "schema alone (no data is read; a delete plan counts the rows). Every relationship that "
                    + "references the table is a child with its rule and the action it means for the child rows: "
                    + "DELETE (CASCADE) children are expanded in turn; SET_NULL, SET_DEFAULT and BLOCK (RESTRICT, "
                    + "NO_ACTION) children are leaves. A child whose table is already on the path from the root is "
                    + "marked cycle (a self-reference, marked selfReference, is the shortest cycle) and not "
                    + "expanded again. The table is schema.table, or a bare name when only one schema has it; "
                    + "URL-encode names with spaces.")
    @APIResponse(responseCode = "200", description = "The tree",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DependentsView.class),
                    examples = @ExampleObject(name = "demo public.employees", value = DEMO_DEPENDENTS)))
    @APIResponse(responseCode = "400", description = "A bare table name that several schemas have",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "ambiguous table", value = AMBIGUOUS_TABLE)))
    @APIResponse(responseCode = "404", description = "No such target, or no such table in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "unknown table", value = TABLE_NOT_FOUND),
                            @ExampleObject(name = "unknown target", value = TARGET_NOT_FOUND)}))
    @APIResponse(responseCode = "503", description = "The catalog was never loaded and the target cannot be reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "target down", value = TARGET_UNAVAILABLE)))
    public DependentsView dependents(
            @Parameter(description = "Target name", example = "demo") @PathParam("target") String name,
            @Parameter(description = "schema.table, or a bare table name when unique", example = "public.employees")
            @PathParam("table") String table) {
        Target target = registry.require(name);
        var catalog = catalogs.get(target).catalog();
        var root = RequestedTable.require(catalog, target.name(), table);
        return DependentsView.of(DependencyTree.of(catalog, root));
    }

    @GET
    @Path("/graph")
    @RolesAllowed(Roles.VIEWER)
    @Produces(GRAPH_MEDIA_TYPE)
    @Operation(summary = "Draw the relationship graph",
            description = "Every table as a node and every relationship as an edge from parent to child (the "
                    + "direction a delete travels), labelled with its ON DELETE rule; declared relationships are "
                    + "dotted (Mermaid) or dashed (DOT). format=mermaid (the default) gives a Mermaid flowchart, "
                    + "format=dot a Graphviz digraph; both as text/plain. Node ids are generated (t0, t1, ...), "
                    + "table names appear only as escaped labels, so any name draws.")
    @APIResponse(responseCode = "200", description = "The graph as text in the chosen format",
            content = @Content(mediaType = GRAPH_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = {@ExampleObject(name = "mermaid (demo)", value = DEMO_MERMAID),
                            @ExampleObject(name = "dot (demo)", value = DEMO_DOT)}))
    @APIResponse(responseCode = "400", description = "An unknown format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown format", value = INVALID_FORMAT)))
    @APIResponse(responseCode = "404", description = "No target has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown target", value = TARGET_NOT_FOUND)))
    @APIResponse(responseCode = "503", description = "The catalog was never loaded and the target cannot be reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "target down", value = TARGET_UNAVAILABLE)))
    public String graph(
            @Parameter(description = "Target name", example = "demo") @PathParam("target") String name,
            @Parameter(description = "mermaid (default) or dot",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"mermaid", "dot"}, defaultValue = "mermaid"))
            @QueryParam("format") String format) {
        Target target = registry.require(name);
        // Checked before the catalog is read: a wrong parameter never waits for a database that is slow or away.
        GraphFormat chosen = graphFormat(format);
        return chosen.render(catalogs.get(target).catalog());
    }

    /** The format named by {@code ?format=}, mermaid when absent, or a 400 problem naming the parameter. */
    private static GraphFormat graphFormat(String value) {
        if (value == null || value.isBlank()) {
            return GraphFormat.MERMAID;
        }
        return GraphFormat.fromParameter(value).orElseThrow(() -> {
            var allowed = Arrays.stream(GraphFormat.values()).map(GraphFormat::parameterValue).toList();
            var fields = new LinkedHashMap<String, Object>();
            fields.put("parameter", "format");
            fields.put("value", value);
            fields.put("allowed", allowed);
            return ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    "Query parameter 'format' is '" + value + "'; expected one of " + allowed, fields);
        });
    }
}
