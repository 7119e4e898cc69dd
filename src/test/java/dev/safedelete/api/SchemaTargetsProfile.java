package dev.safedelete.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Real PostgreSQL and MariaDB targets for the schema API; see {@link SchemaTargetsResource}. */
public class SchemaTargetsProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SchemaTargetsResource.class));
    }
}
