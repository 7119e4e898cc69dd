package dev.safedelete.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/delete-plans/{id}/execution}: the token of the preview being confirmed. */
public record ExecutionRequest(
        @Schema(description = "The plan's confirmationToken, proving the caller saw this exact preview")
        String confirmationToken) {
}
