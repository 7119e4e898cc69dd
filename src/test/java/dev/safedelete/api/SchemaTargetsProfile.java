package dev.safedelete.api;

import dev.safedelete.testsupport.RealTargets;

/** Real PostgreSQL and MariaDB targets for the schema API; see {@link SchemaTargetsResource}. */
public class SchemaTargetsProfile extends RealTargets.Profile {

    public SchemaTargetsProfile() {
        super(SchemaTargetsResource.class);
    }
}
