package dev.safedelete.catalog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Foreign key rules read from SHOW CREATE TABLE text as MariaDB 10.11 prints it. */
class MariaDbCreateTableTest {

    @Test
    void readsRulesAndTakesAMissingOneAsRestrict() {
        var rules = MariaDbCreateTable.foreignKeyRules("""
                CREATE TABLE `child` (
                  `id` int(11) NOT NULL,
                  `pb` int(11) DEFAULT NULL,
                  `pa` int(11) DEFAULT NULL,
                  PRIMARY KEY (`id`),
                  KEY `child→parent` (`pb`,`pa`),
                  CONSTRAINT `child→parent` FOREIGN KEY (`pb`, `pa`) REFERENCES `parent` (`b`, `a`) ON DELETE CASCADE,
                  CONSTRAINT `odd``name` FOREIGN KEY (`pa`) REFERENCES `other db`.`p` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION,
                  CONSTRAINT `plain` FOREIGN KEY (`pb`) REFERENCES `p` (`id`),
                  CONSTRAINT `positive` CHECK (`id` > 0)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""");

        assertEquals(3, rules.size());
        assertArrayEquals(new String[]{"CASCADE", "RESTRICT"}, rules.get("child→parent"));
        assertArrayEquals(new String[]{"SET NULL", "NO ACTION"}, rules.get("odd`name"));
        assertArrayEquals(new String[]{"RESTRICT", "RESTRICT"}, rules.get("plain"));
    }
}
