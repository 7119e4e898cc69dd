package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.SqlServerCatalogLoader;

public class SqlServerDialect extends QuotingDialect {

    public SqlServerDialect() {
        super("[", "]");
    }

    @Override
    public String name() {
        return "sqlserver";
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new SqlServerCatalogLoader();
    }
}
