package dev.safedelete.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * Test-only operations shaped like the plan and execution endpoints that are not on this branch yet: one per
 * role, annotated the way the real ones must be, a target-scoped path served by a class other than
 * TargetsResource, and the current principal as {@link TargetAccess} sees it. Hidden from the OpenAPI document.
 */
@Path("/api/test/security")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityProbeResource {

    @Inject
    TargetAccess access;

    @GET
    @Path("/read")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public Map<String, Object> read() {
        return whoami();
    }

    @POST
    @Path("/plan")
    @RolesAllowed(Roles.PLANNER)
    @Operation(hidden = true)
    public Map<String, Object> plan() {
        return whoami();
    }

    @POST
    @Path("/execute")
    @RolesAllowed(Roles.EXECUTOR)
    @Operation(hidden = true)
    public Map<String, Object> execute() {
        return whoami();
    }

    @POST
    @Path("/administer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Map<String, Object> administer() {
        return whoami();
    }

    @GET
    @Path("/targets/{target}/things")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public Map<String, Object> underTarget(@PathParam("target") String target) {
        return Map.of("target", target);
    }

    /** For a plan found by id: the target is known only after loading it. */
    @GET
    @Path("/plans-on/{planTarget}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public Map<String, Object> planOn(@PathParam("planTarget") String planTarget) {
        access.require(planTarget);
        return Map.of("target", planTarget);
    }

    /** Any JSON object, as the plan request's keys are: values of any type and depth reach Jackson's limits. */
    @POST
    @Path("/any-json")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public Map<String, Object> anyJson(Map<String, Object> body) {
        return Map.of("fields", body == null ? 0 : body.size());
    }

    private Map<String, Object> whoami() {
        return Map.of("principal", access.principal().orElse(""), "allTargets", access.scope().all(),
                "targets", access.scope().names());
    }
}
