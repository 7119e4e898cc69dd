package dev.safedelete.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SHOW GRANTS lines as MariaDB 10.11 prints them, and what they allow. */
class MariaDbGrantsTest {

    final MariaDbGrants grants = MariaDbGrants.parse(List.of(
            "GRANT `editor` TO `app`@`%`",
            "GRANT USAGE ON *.* TO `app`@`%` IDENTIFIED BY PASSWORD '*D821809F681A40A6E379B50D0463EFAE20BDD122'",
            "GRANT SELECT, DELETE ON `shop`.* TO `app`@`%`",
            "GRANT UPDATE (`status`), SELECT ON `billing`.`invoices` TO `app`@`%`",
            "GRANT DELETE ON `billing`.`odd``name` TO `app`@`%`",
            "GRANT EXECUTE ON PROCEDURE `shop`.`purge` TO `app`@`%`",
            "GRANT PROXY ON ''@'%' TO 'app'@'%' WITH GRANT OPTION",
            "GRANT USAGE ON *.* TO `editor`",
            "GRANT UPDATE ON `sd\\_cat%`.* TO `editor`",
            "GRANT ALL PRIVILEGES ON `scratch`.`t` TO `app`@`%`"));

    @Test
    void schemaLevelGrantsCoverEveryTableOfTheSchema() {
        assertTrue(grants.allows("DELETE", new TableName("shop", "orders")));
        assertFalse(grants.allows("UPDATE", new TableName("shop", "orders")));
    }

    @Test
    void schemaPatternsMatchLikeMariaDbDoes() {
        assertTrue(grants.allows("UPDATE", new TableName("sd_cat_x1", "t")));
        assertFalse(grants.allows("UPDATE", new TableName("sdxcat_x1", "t")), "the underscore was escaped");
    }

    @Test
    void columnLevelPrivilegesDoNotCountAsTheTablePrivilege() {
        assertFalse(grants.allows("UPDATE", new TableName("billing", "invoices")));
    }

    @Test
    void quotedNamesAndAllPrivilegesAreUnderstood() {
        assertTrue(grants.allows("DELETE", new TableName("billing", "odd`name")));
        assertTrue(grants.allows("DELETE", new TableName("scratch", "t")));
        assertTrue(grants.allows("UPDATE", new TableName("scratch", "t")));
    }

    @Test
    void onlyAGlobalTablePrivilegeShowsEveryTable() {
        assertTrue(MariaDbGrants.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"))
                .seesEveryTable());
        assertTrue(MariaDbGrants.parse(List.of("GRANT SELECT, PROCESS ON *.* TO `ops`@`%`")).seesEveryTable());
        assertFalse(grants.seesEveryTable(), "schema- and table-level grants only");
        assertFalse(MariaDbGrants.parse(List.of("GRANT PROCESS, RELOAD ON *.* TO `ops`@`%`")).seesEveryTable(),
                "global privileges that are no table privilege show no table");
        assertFalse(MariaDbGrants.parse(List.of("GRANT USAGE ON *.* TO `x`@`%` WITH GRANT OPTION")).seesEveryTable());
        assertFalse(MariaDbGrants.parse(List.of("GRANT SELECT, DELETE ON *.* TO `app`@`%`",
                "REVOKE SELECT, DELETE ON `hr`.* FROM `app`@`%`")).seesEveryTable(), "MySQL's partial revokes");
    }

    @Test
    void globalGrantsCoverEverything() {
        var root = MariaDbGrants.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"));
        assertTrue(root.allows("DELETE", new TableName("any", "table")));
        assertFalse(MariaDbGrants.parse(List.of("GRANT USAGE ON *.* TO `x`@`%`")).allows("DELETE", new TableName("a", "b")));
    }
}
