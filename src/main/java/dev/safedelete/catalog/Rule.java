package dev.safedelete.catalog;

/** A referential action, spelled as the API spells it. */
public enum Rule {
    CASCADE, SET_NULL, SET_DEFAULT, RESTRICT, NO_ACTION;

    /** Maps the SQL spelling ("SET NULL", "NO ACTION", ...) used by information_schema and DDL. */
    public static Rule fromSql(String sql) {
        if (sql == null) {
            return NO_ACTION;
        }
        return Rule.valueOf(sql.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_'));
    }

    /** Whether the child row survives the delete of its parent (possibly with changed columns). */
    public boolean updatesChild() {
        return this == SET_NULL || this == SET_DEFAULT;
    }

    public boolean blocks() {
        return this == RESTRICT || this == NO_ACTION;
    }
}
