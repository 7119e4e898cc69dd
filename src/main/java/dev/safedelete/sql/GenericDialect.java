package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.JdbcMetadataCatalogLoader;

public class GenericDialect extends QuotingDialect {

    public GenericDialect() {
        super("\"", "\"");
    }

    @Override
    public String name() {
        return "generic";
    }

    /** Unknown databases keep their own lock wait; the statement timeout still bounds it. */
    @Override
    public java.util.List<String> lockTimeout(java.time.Duration timeout) {
        return java.util.List.of();
    }

    @Override
    public java.util.List<String> resetLockTimeout() {
        return java.util.List.of();
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new JdbcMetadataCatalogLoader();
    }
}
