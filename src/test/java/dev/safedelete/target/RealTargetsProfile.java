package dev.safedelete.target;

import dev.safedelete.testsupport.RealTargets;

/** Real PostgreSQL and MariaDB targets and one that starts DOWN; see {@link RealTargetsResource}. */
public class RealTargetsProfile extends RealTargets.Profile {

    public RealTargetsProfile() {
        super(RealTargetsResource.class);
    }
}
