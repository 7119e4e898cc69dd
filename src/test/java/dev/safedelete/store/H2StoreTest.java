package dev.safedelete.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The store on H2, its embedded default, upgraded from V2 as an existing store is ({@link H2StoreProfile}). */
@QuarkusTest
@TestProfile(H2StoreProfile.class)
class H2StoreTest extends StoreContract {
}
