package dev.safedelete.catalog;

import dev.safedelete.catalog.H2CatalogLoader.H2Rights;
import dev.safedelete.catalog.H2CatalogLoader.H2Rights.Right;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** H2 grants as INFORMATION_SCHEMA.RIGHTS lists them (recorded from H2 2.4 as an admin sees them). */
class H2RightsTest {

    final H2Rights rights = new H2Rights(List.of(
            new Right("BOB", null, "SELECT, DELETE", "S1", "CHILD"),
            new Right("BOB", "EDITORS", null, null, null),
            new Right("EDITORS", null, "UPDATE", "S1", ""),
            new Right("PUBLIC", null, "DELETE", "S2", "LOG")), "bob");

    @Test
    void aTableGrantAllowsThatTableOnly() {
        assertTrue(rights.allows("DELETE", new TableName("S1", "CHILD")));
        assertFalse(rights.allows("DELETE", new TableName("S1", "PARENT")));
    }

    @Test
    void aSchemaGrantThroughARoleAllowsEveryTableOfTheSchema() {
        assertTrue(rights.allows("UPDATE", new TableName("S1", "PARENT")));
        assertFalse(rights.allows("UPDATE", new TableName("S2", "LOG")));
    }

    @Test
    void grantsToPublicHoldForEveryone() {
        assertTrue(rights.allows("DELETE", new TableName("S2", "LOG")));
    }
}
