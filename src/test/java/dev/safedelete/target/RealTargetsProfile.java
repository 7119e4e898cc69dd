package dev.safedelete.target;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Real PostgreSQL and MariaDB targets and one that starts DOWN; see {@link RealTargetsResource}. */
public class RealTargetsProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealTargetsResource.class));
    }
}
