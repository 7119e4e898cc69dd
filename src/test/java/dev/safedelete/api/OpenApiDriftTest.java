package dev.safedelete.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static dev.safedelete.testsupport.Api.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checked-in {@code openapi/openapi.yaml} is exactly what the service serves (compared as parsed documents,
 * not bytes). When this fails after an intended API change, regenerate it: {@code ./mvnw package -DskipTests}.
 */
@QuarkusTest
class OpenApiDriftTest {

    private static final Path CHECKED_IN = Path.of("openapi/openapi.yaml");

    @Test
    void checkedInDocumentIsWhatTheServiceServes() throws Exception {
        String served = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonNode servedDoc = new ObjectMapper().readTree(served);
        JsonNode checkedIn = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(CHECKED_IN));
        assertEquals(checkedIn, servedDoc, "openapi/openapi.yaml differs from the served document; "
                + "regenerate it with ./mvnw package -DskipTests and commit it");
    }

    @Test
    void everyOperationIsDocumented() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(CHECKED_IN));
        assertFalse(doc.path("info").path("title").asText().isBlank());
        assertFalse(doc.path("info").path("version").asText().isBlank());
        assertFalse(doc.path("info").path("description").asText().isBlank());
        assertTrue(doc.path("paths").size() > 0);
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            assertFalse(path.getKey().startsWith("/test"), "test-only endpoints must not be published");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                String where = op.getKey() + " " + path.getKey();
                assertFalse(op.getValue().path("summary").asText().isBlank(), where + " has no summary");
                assertFalse(op.getValue().path("description").asText().isBlank(), where + " has no description");
                assertTrue(op.getValue().path("tags").size() > 0, where + " has no tag");
            }
        }
    }
}
