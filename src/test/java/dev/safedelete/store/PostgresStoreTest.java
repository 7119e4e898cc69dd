package dev.safedelete.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.safedelete.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on the local PostgreSQL, migrated by Flyway, with the same contract as on H2. */
@QuarkusTest
@TestProfile(PostgresStoreProfile.class)
class PostgresStoreTest extends StoreContract {

    @Inject
    EntityManager em;

    @Test
    void theStoreReallyIsPostgresMigratedByFlyway() {
        String version = (String) em.createNativeQuery("select version()").getSingleResult();
        assertTrue(version.startsWith("PostgreSQL"), version);
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery("select table_name from information_schema.tables "
                + "where table_schema = 'public' order by table_name").getResultList();
        assertEquals(List.of("delete_plan", "execution", "flyway_schema_history"), tables);
        String planJsonType = (String) em.createNativeQuery("select data_type from information_schema.columns "
                + "where table_name = 'delete_plan' and column_name = 'plan_json'").getSingleResult();
        assertEquals("text", planJsonType);
    }

    @Test
    void theStoreIsPartOfReadiness() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }
}
