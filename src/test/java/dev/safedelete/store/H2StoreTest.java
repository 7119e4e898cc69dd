package dev.safedelete.store;

import io.quarkus.test.junit.QuarkusTest;

/** The store on its embedded default, in-memory H2. */
@QuarkusTest
class H2StoreTest extends StoreContract {
}
