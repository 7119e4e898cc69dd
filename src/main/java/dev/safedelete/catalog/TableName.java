package dev.safedelete.catalog;

import java.util.Objects;

/** A table's identity inside one target: schema (the database on MySQL/MariaDB) and name, exactly as the catalog spells them. */
public record TableName(String schema, String name) implements Comparable<TableName> {

    public TableName {
        Objects.requireNonNull(name, "name");
    }

    /** {@code schema.table}, the form every answer uses. */
    public String qualified() {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }

    @Override
    public int compareTo(TableName o) {
        return qualified().compareTo(o.qualified());
    }

    @Override
    public String toString() {
        return qualified();
    }
}
