package dev.safedelete.catalog;

/**
 * A column as the catalog reports it.
 *
 * @param type         the database's own type name (for example {@code integer}, {@code varchar(40)})
 * @param jdbcType     the {@link java.sql.Types} code, used to convert caller-supplied key values
 * @param defaultValue the default as a SQL expression, or {@code null} when the column has none
 */
public record Column(String name, String type, int jdbcType, boolean nullable, String defaultValue) {
}
