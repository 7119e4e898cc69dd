package dev.safedelete.sql;

import java.util.List;

/**
 * Many values bound as one parameter (PostgreSQL {@code = ANY(?)}), so that a statement can name any number of rows:
 * a whole self-referencing component goes in one statement whatever its size.
 *
 * @param elementType the database's name of the element type, as {@link java.sql.Connection#createArrayOf} takes it
 */
public record SqlArray(String elementType, List<Object> elements) {

    public SqlArray {
        elements = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(elements));
    }
}
