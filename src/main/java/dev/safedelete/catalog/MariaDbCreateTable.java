package dev.safedelete.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the rules of foreign keys from MariaDB's {@code SHOW CREATE TABLE} text, for the tables whose
 * REFERENTIAL_CONSTRAINTS rows the connected account may not see. MariaDB writes each constraint on one line:
 * {@code CONSTRAINT `name` FOREIGN KEY (`a`) REFERENCES `p` (`id`) ON DELETE CASCADE ON UPDATE SET NULL}, leaving
 * out a rule that is RESTRICT, its default.
 */
final class MariaDbCreateTable {

    private MariaDbCreateTable() {
    }

    /** Constraint name → {delete rule, update rule}, spelled as information_schema spells them. */
    static Map<String, String[]> foreignKeyRules(String createTable) {
        var rules = new LinkedHashMap<String, String[]>();
        for (var raw : createTable.split("\n")) {
            var line = raw.trim();
            if (!line.startsWith("CONSTRAINT `")) {
                continue;
            }
            int end = closingBackquote(line, "CONSTRAINT `".length());
            var name = line.substring("CONSTRAINT `".length(), end).replace("``", "`");
            var rest = line.substring(end + 1);
            if (!rest.startsWith(" FOREIGN KEY ")) {
                continue;
            }
            // the actions follow the referenced column list, after the line's last closing parenthesis
            var actions = rest.substring(rest.lastIndexOf(')') + 1);
            rules.put(name, new String[]{action(actions, " ON DELETE "), action(actions, " ON UPDATE ")});
        }
        return rules;
    }

    private static int closingBackquote(String line, int from) {
        int i = from;
        while (i < line.length()) {
            if (line.charAt(i) == '`') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '`') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated identifier in " + line);
    }

    private static String action(String actions, String clause) {
        int at = actions.indexOf(clause);
        if (at < 0) {
            return "RESTRICT";
        }
        var after = actions.substring(at + clause.length());
        for (var rule : new String[]{"CASCADE", "SET NULL", "SET DEFAULT", "NO ACTION", "RESTRICT"}) {
            if (after.startsWith(rule)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown action in " + actions);
    }
}
