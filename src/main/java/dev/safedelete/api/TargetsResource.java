package dev.safedelete.api;

import dev.safedelete.security.Roles;
import dev.safedelete.security.TargetAccess;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The configured target databases. Other resources under {@code /api/v1/targets/{target}/...} live in their own
 * classes (with that class-level path), next to the capability they serve.
 */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets", description = "The databases SafeDelete works on")
@RolesAllowed(Roles.VIEWER)
public class TargetsResource {

    private static final String DEMO_LIST = """
            [{"name":"demo","product":"H2","version":"2.4.240 (2025-09-22)","readOnly":false,"status":"UP",\
            "checkedAt":"2026-01-15T09:30:00Z"},\
            {"name":"shop","product":"PostgreSQL","version":"15.19 (Debian 15.19-0+deb12u1)","readOnly":false,\
            "status":"DOWN","reason":"Connection to 10.0.0.5:5432 refused.","checkedAt":"2026-01-15T09:30:00Z"}]""";

    private static final String DEMO_ONE = """
            {"name":"demo","product":"H2","version":"2.4.240 (2025-09-22)","readOnly":false,"status":"UP",\
            "checkedAt":"2026-01-15T09:30:00Z"}""";

    private static final String NOT_FOUND = """
            {"type":"https://safedelete.dev/problems/target-not-found","title":"Target not found","status":404,\
            "detail":"No target named 'shop'","instance":"/api/v1/targets/shop","target":"shop"}""";

    @Inject
    TargetRegistry registry;

    @Inject
    TargetAccess access;

    @GET
    @Operation(summary = "List targets",
            description = "Every configured target the caller may use, with its database product and version and "
                    + "the state of its connection as last checked (targets are re-checked periodically). A "
                    + "target that is DOWN is listed with the reason; it comes back by itself when its database does.")
    @APIResponse(responseCode = "200", description = "The targets, sorted by name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TargetView.class),
                    examples = @ExampleObject(name = "demo", value = DEMO_LIST)))
    public List<TargetView> list() {
        return registry.all().stream().filter(target -> access.allowed(target.name())).map(TargetView::of).toList();
    }

    @GET
    @Path("/{target}")
    @Operation(summary = "Get one target",
            description = "One target, with its connection checked now (not the periodic check's last result), "
                    + "so this is also how to see at once whether a database came back.")
    @APIResponse(responseCode = "200", description = "The target",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TargetView.class),
                    examples = @ExampleObject(name = "demo", value = DEMO_ONE)))
    @APIResponse(responseCode = "404", description = "No target has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown target", value = NOT_FOUND)))
    public TargetView get(@Parameter(description = "Target name", example = "demo") @PathParam("target") String name) {
        Target target = registry.require(name);
        target.check();
        return TargetView.of(target);
    }
}
