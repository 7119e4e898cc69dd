package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.Outcome;
import dev.safedelete.store.GroupDigest;
import dev.safedelete.store.GroupDigestsConverter;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plan digests become records: the {@code fingerprint} text, a JSON object {@code {"schema.table|OUTCOME":
 * "rows:hash"}} that every reader took apart again, is rewritten as the {@code digests} column the store reads as
 * {@link GroupDigest}s (a JSON array of records). Java, not SQL: H2 has no function that takes a JSON object apart, and
 * one migration must carry both the H2 and the PostgreSQL store. Statuses need nothing: they were stored by name and
 * the enums read those names.
 */
public class V3__typed_plan_digests extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement ddl = c.createStatement()) {
            ddl.execute("ALTER TABLE delete_plan ADD COLUMN digests TEXT");
        }
        var converter = new GroupDigestsConverter();
        try (Statement select = c.createStatement();
             PreparedStatement update = c.prepareStatement("UPDATE delete_plan SET digests = ? WHERE id = ?")) {
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = select.executeQuery("SELECT id, fingerprint FROM delete_plan")) {
                while (rs.next()) {
                    update.setString(1, converter.convertToDatabaseColumn(digests(rs.getString(2))));
                    update.setObject(2, rs.getObject(1));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (Statement ddl = c.createStatement()) {
            ddl.execute("ALTER TABLE delete_plan DROP COLUMN fingerprint");
            ddl.execute("ALTER TABLE delete_plan ALTER COLUMN digests SET NOT NULL");
        }
    }

    /**
     * The digests an old {@code fingerprint} text held. What does not read as one (nothing the service ever wrote)
     * is left out: its group then differs from the re-derived one, and the executor refuses the plan as drift, never
     * runs it unchecked.
     */
    static List<GroupDigest> digests(String fingerprint) {
        var out = new ArrayList<GroupDigest>();
        JsonNode object;
        try {
            object = JSON.readTree(fingerprint);
        } catch (Exception unreadable) {
            return out;
        }
        if (object == null || !object.isObject()) {
            return out;
        }
        object.fields().forEachRemaining(e -> {
            String group = e.getKey();
            String digest = e.getValue().asText();
            int bar = group.lastIndexOf('|');
            int colon = digest.indexOf(':');
            if (bar < 0 || colon < 0) {
                return;
            }
            try {
                out.add(new GroupDigest(table(group.substring(0, bar)), Outcome.valueOf(group.substring(bar + 1)),
                        Long.parseLong(digest.substring(0, colon)), digest.substring(colon + 1)));
            } catch (IllegalArgumentException unreadable) {
                // left out, as above
            }
        });
        return out;
    }

    /**
     * {@code schema.table} split at its first dot, the catalog's spelling: a dot inside a table's name stays in the
     * name. (A dot inside a schema's name would split wrong; that plan's groups then read as drift, as above.)
     */
    private static TableName table(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? new TableName(null, qualified)
                : new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
