package dev.safedelete.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). Fields of our
 * own ({@code target}, {@code errors}, {@code correlationId}, ...) are written next to the standard ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "An RFC 9457 problem detail; extra members depend on the problem type.")
public record Problem(
        @Schema(example = "https://safedelete.dev/problems/target-not-found") URI type,
        @Schema(example = "Target not found") String title,
        @Schema(example = "404") int status,
        @Schema(example = "No target named 'shop'") String detail,
        @Schema(example = "/api/v1/targets/shop") String instance,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://safedelete.dev/problems/";

    public Problem {
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static URI typeOf(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** The extra members, written at the top level of the JSON object as RFC 9457 asks. */
    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, extensions);
    }
}
