package dev.safedelete.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * Turns a {@link Problem} into a response. The body is serialized here rather than by content negotiation, so
 * that a problem is still answered as {@code application/problem+json} to a client whose {@code Accept} header
 * matched nothing (that is what a 406 is about).
 */
@ApplicationScoped
public class ProblemResponses {

    @Inject
    ObjectMapper objectMapper;

    public Response toResponse(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(toJson(problem)).build();
    }

    public String toJson(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // Cannot happen for the plain values a Problem holds; keep the answer a problem detail all the same.
            return "{\"type\":\"" + Problem.TYPE_BASE + "internal-error\",\"title\":\"Internal error\",\"status\":500}";
        }
    }
}
