package dev.safedelete.catalog;

import java.sql.Connection;

/** An H2 trigger that does nothing: the catalog tests only need one to exist. */
public class NoopTrigger implements org.h2.api.Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
    }
}
