package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.TableName;

/**
 * Everything that differs between databases, behind one interface so that the planner and executor never ask
 * which database they talk to. Identifiers reaching a dialect always come from the loaded catalog.
 */
public interface Dialect {

    /** A short name for logs and answers: {@code postgresql}, {@code mariadb}, {@code h2}, ... */
    String name();

    /** Quotes one identifier, doubling the quote character inside it. */
    String quote(String identifier);

    default String table(TableName table) {
        return table.schema() == null || table.schema().isEmpty()
                ? quote(table.name())
                : quote(table.schema()) + "." + quote(table.name());
    }

    CatalogLoader catalogLoader();
}
