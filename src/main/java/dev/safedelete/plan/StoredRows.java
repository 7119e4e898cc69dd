package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The changed rows of a stored plan, read back from its {@link AffectedKeys}: what {@code /script} renders. */
public final class StoredRows implements ChangedRows {

    private final List<Updated> updated = new ArrayList<>();
    private final Map<TableName, KeySet> deleted = new LinkedHashMap<>();
    private final Map<TableName, AffectedSet.Tally> tallies = new LinkedHashMap<>();

    /** Sections whose table or relationship the catalog no longer knows are left out; the script says so. */
    public StoredRows(byte[] blob, Catalog catalog) {
        AffectedKeys.read(blob, new AffectedKeys.Visitor() {
            private KeySet into;

            @Override
            public boolean section(AffectedKeys.Section s) {
                into = null;
                switch (s.kind()) {
                    case GROUP -> {
                        if (s.isDeleteGroup()) {
                            into = deleted.computeIfAbsent(s.table(), t -> new KeySet());
                        }
                    }
                    case UPDATE -> catalog.relationship(s.relationship()).ifPresent(r -> {
                        into = new KeySet();
                        updated.add(new Updated(r, s.outcome(), s.columns(), into));
                    });
                    case TALLY -> tallies.put(s.table(), new AffectedSet.Tally(s.relationship(), s.rows(), s.hash()));
                }
                return into != null;
            }

            @Override
            public boolean key(AffectedKeys.Section s, int position, Object[] key) {
                into.add(KeyCodec.encode(key));
                return true;
            }
        });
    }

    @Override
    public List<Updated> updated() {
        return updated;
    }

    @Override
    public Map<TableName, KeySet> deleted() {
        return deleted;
    }

    @Override
    public Map<TableName, AffectedSet.Tally> tallies() {
        return tallies;
    }
}
