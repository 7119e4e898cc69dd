package dev.safedelete.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/**
 * Keeps a plan's {@link GroupDigest}s as a JSON array in a text column: one column, the same on H2 and PostgreSQL,
 * and records on both sides. Its own mapper, not the API's, so that no API setting changes what is stored.
 */
@Converter
public class GroupDigestsConverter implements AttributeConverter<List<GroupDigest>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<GroupDigest>> TYPE = new TypeReference<>() { };

    @Override
    public String convertToDatabaseColumn(List<GroupDigest> digests) {
        try {
            return digests == null ? null : JSON.writeValueAsString(digests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<GroupDigest> convertToEntityAttribute(String column) {
        try {
            return column == null ? null : JSON.readValue(column, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan digests are unreadable", e);
        }
    }
}
