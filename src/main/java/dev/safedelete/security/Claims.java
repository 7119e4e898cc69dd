package dev.safedelete.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a list of names from a token claim in the shapes identity providers use: a JSON array of strings, or one
 * string separated by spaces or commas (OAuth's {@code scope} style); a dotted path reaches into nested objects
 * ({@code realm_access.roles}). Absent claim: empty.
 */
final class Claims {

    private Claims() {
    }

    static Optional<List<String>> names(JsonWebToken token, String path) {
        String[] parts = path.split("\\.");
        Object value = token.getClaim(parts[0]);
        for (int i = 1; i < parts.length && value != null; i++) {
            value = value instanceof Map<?, ?> map ? map.get(parts[i]) : null;
        }
        return value == null || value == JsonValue.NULL ? Optional.empty() : Optional.of(namesOf(value));
    }

    private static List<String> namesOf(Object value) {
        if (value instanceof JsonString s) {
            return split(s.getString());
        }
        if (value instanceof String s) {
            return split(s);
        }
        if (value instanceof JsonArray || value instanceof Collection<?>) {
            var names = new ArrayList<String>();
            for (Object item : (Collection<?>) value) {
                names.addAll(namesOf(item));
            }
            return names;
        }
        if (value instanceof JsonObject) {
            // An object is not a list of names; refusing it is safer than reading its keys as roles.
            return List.of();
        }
        return split(String.valueOf(value));
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }
}
