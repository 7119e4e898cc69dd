package dev.safedelete.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.safedelete.error.SafeDeleteException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maps every failure that reaches the REST layer to an RFC 9457 problem detail. Anything a caller can send is a
 * 4xx naming what was wrong; only our own bugs are a 500, and those carry a correlation id that is also logged
 * with the stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ProblemResponses responses;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return responses.toResponse(e.toProblem(request.path()));
    }

    @ServerExceptionMapper
    public Response domain(SafeDeleteException e, HttpServerRequest request) {
        return DomainProblems.of(e).map(p -> problem(p, request)).orElseGet(() -> unexpected(e, request));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, HttpServerRequest request) {
        JsonLocation at = e.getLocation();
        var fields = new LinkedHashMap<String, Object>();
        if (at != null) {
            fields.put("line", at.getLineNr());
            fields.put("column", at.getColumnNr());
        }
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return respond(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON" + where + ": " + e.getOriginalMessage(), fields, request);
    }

    /**
     * The most telling JSON problem in a cause chain: Jackson and Quarkus REST wrap a syntax error in a mapping
     * error (with the path) or a 400 WebApplicationException, and the caller wants the syntax error.
     */
    private Response jsonProblem(Throwable failure, HttpServerRequest request) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return jsonLimit(limit, request);
            }
        }
        JsonParseException parse = null;
        UnrecognizedPropertyException unknown = null;
        MismatchedInputException mismatch = null;
        JsonMappingException mapping = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonParseException p && parse == null) {
                parse = p;
            } else if (t instanceof UnrecognizedPropertyException u && unknown == null) {
                unknown = u;
            } else if (t instanceof MismatchedInputException m && mismatch == null) {
                mismatch = m;
            } else if (t instanceof JsonMappingException m && mapping == null) {
                mapping = m;
            }
        }
        if (parse != null) {
            return malformedJson(parse, request);
        }
        if (unknown != null) {
            return unknownFieldOnly(unknown, request);
        }
        if (mismatch != null) {
            return wrongType(mismatch, request);
        }
        if (mapping != null) {
            return unreadableField(mapping, request);
        }
        return null;
    }

    /**
     * Jackson's read limits (nesting depth 1000, string and number lengths) are hit while parsing, before any
     * recursion of ours could overflow the stack: the caller sent something no real request looks like.
     */
    @ServerExceptionMapper
    public Response jsonLimit(StreamConstraintsException e, HttpServerRequest request) {
        return respond(400, "json-limit-exceeded", "JSON limit exceeded",
                "The request body exceeds a JSON limit: " + e.getOriginalMessage(), Map.of(), request);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    private Response unknownFieldOnly(UnrecognizedPropertyException e, HttpServerRequest request) {
        String field = pathOf(e);
        var known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        return respond(400, "unknown-field", "Unknown field",
                "The request body has a field '" + field + "' that this operation does not know; known fields: " + known,
                Map.of("field", field, "knownFields", known), request);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    /** Other mapping failures on input, for example a record constructor rejecting a value. */
    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, HttpServerRequest request) {
        if (e instanceof InvalidDefinitionException) {
            return unexpected(e, request);
        }
        return jsonProblem(e, request);
    }

    private Response unreadableField(JsonMappingException e, HttpServerRequest request) {
        String field = pathOf(e);
        String detail = field.isEmpty()
                ? "The request body cannot be read: " + e.getOriginalMessage()
                : "The field '" + field + "' cannot be read: " + e.getOriginalMessage();
        return respond(400, "invalid-field", "Invalid field", detail,
                field.isEmpty() ? Map.of() : Map.of("field", field), request);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        boolean ourOwnAnswer = e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue);
        if (ourOwnAnswer) {
            return unexpected(e, request);
        }
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", fieldOf(v.getPropertyPath()), "message", v.getMessage()))
                .sorted((a, b) -> (a.get("field") + a.get("message")).compareTo(b.get("field") + b.get("message")))
                .toList();
        String detail = errors.stream().map(m -> m.get("field") + ": " + m.get("message"))
                .collect(Collectors.joining("; "));
        return respond(400, "validation-failed", "Invalid request", detail, Map.of("errors", errors), request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        if (e.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter does not convert (limit=many); for a caller that
            // is a bad request about that parameter, not a missing resource.
            LOG.debugf(e, "Parameter conversion failed on %s", request.path());
            return respond(400, "invalid-parameter", "Invalid parameter",
                    "A path or query parameter has the wrong type or format: " + messageOf(e.getCause()),
                    Map.of(), request);
        }
        return respond(404, "not-found", "Not found", "Nothing is served at " + request.method() + " " + request.path(),
                Map.of(), request);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        // Quarkus REST does not always know the allowed methods; say so only when it does.
        var allowed = e.getResponse().getAllowedMethods().stream().sorted().toList();
        String detail = request.method() + " is not allowed on " + request.path()
                + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed));
        Response problem = respond(405, "method-not-allowed", "Method not allowed", detail,
                allowed.isEmpty() ? Map.of() : Map.of("allowedMethods", allowed), request);
        return allowed.isEmpty() ? problem : Response.fromResponse(problem).allow(Set.copyOf(allowed)).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpServerRequest request) {
        String sent = request.getHeader("Content-Type");
        return respond(415, "unsupported-media-type", "Unsupported media type",
                "This operation does not accept a body of type " + (sent == null ? "(none)" : sent),
                sent == null ? Map.of() : Map.of("contentType", sent), request);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return respond(406, "not-acceptable", "Not acceptable",
                "This operation cannot answer in any of the accepted types: " + accept,
                accept == null ? Map.of() : Map.of("accept", accept), request);
    }

    /** Any other JAX-RS status the framework raises keeps its status, as a problem detail. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        // Quarkus REST wraps a body that does not parse in a 400 WebApplicationException: answer the real cause.
        Response json = e.getCause() == null ? null : jsonProblem(e.getCause(), request);
        if (json != null) {
            return json;
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return respond(status, slug, type.getReasonPhrase(), e.getMessage(), Map.of(), request);
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s %s, correlation id %s", request.method(), request.path(), correlationId);
        return respond(500, "internal-error", "Internal error",
                "The service failed unexpectedly; quote correlation id " + correlationId + " when reporting it",
                Map.of("correlationId", correlationId), request);
    }

    private Response wrongType(MismatchedInputException e, HttpServerRequest request) {
        String field = pathOf(e);
        String expected = e.getTargetType() == null ? null : describeType(e.getTargetType());
        var fields = new LinkedHashMap<String, Object>();
        if (!field.isEmpty()) {
            fields.put("field", field);
        }
        if (expected != null) {
            fields.put("expected", expected);
        }
        String detail = field.isEmpty()
                ? "The request body does not have the expected shape" + (expected == null ? "" : ": expected " + expected)
                : "The field '" + field + "' has the wrong type or value" + (expected == null ? "" : ": expected " + expected);
        return respond(400, "invalid-field", "Invalid field", detail, fields, request);
    }

    private Response respond(int status, String slug, String title, String detail, Map<String, ?> fields,
                             HttpServerRequest request) {
        return responses.toResponse(new ProblemException(status, slug, title, detail, fields).toProblem(request.path()));
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    /** The JSON path of the failing value, like {@code keys[0].id}. */
    static String pathOf(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The caller's view of a violation's path: the body's field path ({@code keys[0].id}) for a body parameter, the
     * parameter's name for a query or path parameter; never the Java method name.
     */
    static String fieldOf(Path path) {
        var nodes = new ArrayList<Path.Node>();
        path.forEach(nodes::add);
        var properties = nodes.stream().filter(n -> n.getKind() == ElementKind.PROPERTY
                || n.getKind() == ElementKind.CONTAINER_ELEMENT).toList();
        if (properties.isEmpty()) {
            return nodes.stream().filter(n -> n.getKind() == ElementKind.PARAMETER).map(Path.Node::getName)
                    .reduce((a, b) -> b).orElse(path.toString());
        }
        var field = new StringBuilder();
        for (Path.Node node : properties) {
            // Bean Validation puts an element's index on the node that follows the collection: keys[0].id is
            // "keys", then "id" in iterable at index 0.
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(at == null ? "" : at).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (field.length() > 0 && field.charAt(field.length() - 1) != '[') {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
