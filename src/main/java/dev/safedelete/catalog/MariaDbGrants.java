package dev.safedelete.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the connected MariaDB/MySQL account may do, read from {@code SHOW GRANTS}. Not from the
 * {@code information_schema} privilege tables: they leave out the privileges of the account's current role,
 * which {@code SHOW GRANTS} includes.
 *
 * <p>Conservative where the grammar is rich: column-level privileges ({@code UPDATE (col)}) do not count as the
 * table privilege, and lines this parser does not understand (PROXY, routines) grant nothing. A missing privilege
 * shows as a PRIVILEGE blocker in a plan; a wrongly assumed one would fail an execution halfway.
 */
public record MariaDbGrants(List<Grant> grants, boolean partialRevokes) {

    /**
     * The global privileges that make every table visible in {@code information_schema} (MariaDB shows a table to an
     * account holding any table privilege on it). Checked one by one on MariaDB 10.11: the others (PROCESS, FILE,
     * EXECUTE, LOCK TABLES, CREATE TEMPORARY TABLES, SHOW DATABASES, USAGE ... WITH GRANT OPTION, ...) show nothing.
     */
    private static final Set<String> TABLE_PRIVILEGES = Set.of("ALL", "ALL PRIVILEGES", "SELECT", "INSERT", "UPDATE",
            "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER", "CREATE VIEW", "SHOW VIEW", "TRIGGER",
            "DELETE HISTORY");

    public MariaDbGrants {
        grants = List.copyOf(grants);
    }

    /**
     * One {@code GRANT privileges ON schema.table}: {@code schema} null for {@code *.*}; {@code table} null for
     * {@code schema.*}, where {@code schema} is a pattern with {@code %} and {@code _} wildcards.
     */
    public record Grant(Set<String> privileges, String schema, String table) {

        boolean allows(String privilege, String tableSchema, String tableName) {
            if (!privileges.contains(privilege) && !privileges.contains("ALL PRIVILEGES") && !privileges.contains("ALL")) {
                return false;
            }
            if (schema == null) {
                return true;
            }
            if (table == null) {
                return likeMatches(schema, tableSchema);
            }
            return schema.equals(tableSchema) && table.equals(tableName);
        }
    }

    public boolean allows(String privilege, TableName table) {
        return grants.stream().anyMatch(g -> g.allows(privilege, table.schema(), table.name()));
    }

    /**
     * Whether {@code information_schema} shows this account every table of every schema: a table privilege granted
     * on {@code *.*}. Not where MySQL's partial revokes take some schemas back out of a global grant.
     */
    public boolean seesEveryTable() {
        return !partialRevokes && grants.stream().anyMatch(g -> g.schema() == null
                && g.privileges().stream().anyMatch(TABLE_PRIVILEGES::contains));
    }

    public static MariaDbGrants parse(List<String> showGrantsLines) {
        var grants = new ArrayList<Grant>();
        boolean revokes = false;
        for (var line : showGrantsLines) {
            var grant = parseLine(line);
            if (grant != null) {
                grants.add(grant);
            }
            revokes |= line.regionMatches(true, 0, "REVOKE ", 0, 7);
        }
        return new MariaDbGrants(grants, revokes);
    }

    /** {@code GRANT p1, p2 (col), ... ON target TO ...}; null for any other line. */
    static Grant parseLine(String line) {
        if (!line.regionMatches(true, 0, "GRANT ", 0, 6)) {
            return null;
        }
        var cursor = new Cursor(line, 6);
        int on = cursor.findKeyword(" ON ");
        if (on < 0) {
            return null; // a role grant: GRANT `role` TO `user`@`host`
        }
        var privileges = splitTopLevel(line.substring(6, on)).stream()
                .map(String::trim)
                .filter(p -> !p.contains("(")) // column-level: not the table privilege
                .map(p -> p.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        var target = new Cursor(line, on + 4);
        String schema = target.identifierOrStar();
        if (schema == null || !target.consume('.')) {
            return null; // PROCEDURE/FUNCTION/PACKAGE targets or PROXY ON user@host
        }
        String table = target.identifierOrStar();
        if (table == null) {
            return null;
        }
        return new Grant(privileges, "*".equals(schema) ? null : schema, "*".equals(table) ? null : table);
    }

    private static List<String> splitTopLevel(String text) {
        var parts = new ArrayList<String>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** SQL LIKE with {@code \} as escape, the way MariaDB matches a database name against a schema-level grant. */
    static boolean likeMatches(String pattern, String value) {
        return like(pattern, 0, value, 0);
    }

    private static boolean like(String p, int pi, String v, int vi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                for (int k = vi; k <= v.length(); k++) {
                    if (like(p, pi + 1, v, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (vi >= v.length()) {
                return false;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                if (p.charAt(pi + 1) != v.charAt(vi)) {
                    return false;
                }
                pi += 2;
            } else if (c == '_' || c == v.charAt(vi)) {
                pi++;
            } else {
                return false;
            }
            vi++;
        }
        return vi == v.length();
    }

    /** Reads backquoted identifiers and keywords outside quotes. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text, int at) {
            this.text = text;
            this.at = at;
        }

        int findKeyword(String keyword) {
            boolean quoted = false;
            for (int i = at; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '`') {
                    quoted = !quoted;
                } else if (!quoted && text.regionMatches(true, i, keyword, 0, keyword.length())) {
                    return i;
                }
            }
            return -1;
        }

        boolean consume(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        /** {@code *}, {@code `name`} (a doubled backquote inside is one) or a bare word; null otherwise. */
        String identifierOrStar() {
            if (consume('*')) {
                return "*";
            }
            if (consume('`')) {
                var name = new StringBuilder();
                while (at < text.length()) {
                    char c = text.charAt(at++);
                    if (c == '`') {
                        if (at < text.length() && text.charAt(at) == '`') {
                            name.append('`');
                            at++;
                        } else {
                            return name.toString();
                        }
                    } else {
                        name.append(c);
                    }
                }
                return null;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                    || text.charAt(at) == '$')) {
                at++;
            }
            if (at == start) {
                return null;
            }
            var word = text.substring(start, at);
            // PROCEDURE db.proc, FUNCTION db.f, PACKAGE ...: not table privileges
            if (at < text.length() && text.charAt(at) == ' ') {
                return null;
            }
            return word;
        }
    }
}
