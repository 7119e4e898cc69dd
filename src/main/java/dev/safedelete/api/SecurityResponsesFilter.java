package dev.safedelete.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Map;

/**
 * Quarkus adds a 401 and a 403 to every {@code @RolesAllowed} operation, without a body. Ours have one, a problem
 * detail, and the 401 a challenge header: say so once here, for every operation, present and future.
 */
public class SecurityResponsesFilter implements OASFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "401", "No credentials, or credentials that are not valid (unknown API key; token expired, from another "
                    + "issuer or not signed by it). Answered with WWW-Authenticate: Bearer.",
            "403", "The principal lacks the role this operation needs, or may not use this target.");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::describe));
    }

    private void describe(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        DESCRIPTIONS.forEach((status, description) -> {
            APIResponse response = operation.getResponses().getAPIResponse(status);
            if (response != null && response.getContent() == null) {
                response.description(description).content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            }
        });
    }
}
