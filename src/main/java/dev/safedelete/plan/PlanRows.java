package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.error.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Pages through the rows a stored plan affects, section by section as the plan stored them. A counted leaf section
 * is read live by {@link DeletePlanService#tallyRows}. The cursor is the position after the page: section, key.
 */
@ApplicationScoped
public class PlanRows {

    /** One affected row: its qualified table, outcome and primary key. */
    public record Row(String table, Outcome action, Map<String, Object> key) {
    }

    /** A page of rows; {@code nextCursor} is null on the last page. */
    public record Page(List<Row> items, String nextCursor) {
    }

    @Inject
    DeletePlanService plans;

    /**
     * At most {@code size} rows of plan {@code id} after {@code cursor} (from the start when null), of one table
     * (qualified or bare name) and one outcome when given.
     */
    public Page page(UUID id, String table, Outcome action, int size, String cursor) {
        int[] from = cursor == null ? new int[]{0, 0} : decodeCursor(cursor);
        var stored = plans.find(id);
        Optional<Catalog> catalog = plans.catalogIfReachable(stored.entity().target);
        var sections = AffectedKeys.sections(stored.entity().affectedKeys).stream()
                .filter(s -> !s.isUpdate() && s.index() >= from[0] && (action == null || action == s.outcome())
                        && (table == null || matches(s.table(), table)))
                .toList();
        var items = new ArrayList<Row>();
        String next = null;
        for (AffectedKeys.Section s : sections) {
            int start = s.index() == from[0] ? from[1] : 0;
            if (start >= s.rows()) {
                continue;
            }
            int take = (int) Math.min(size - items.size(), s.rows() - start);
            if (take == 0) {
                next = encodeCursor(s.index(), start);
                break;
            }
            List<Object[]> keys = s.isTally() ? plans.tallyRows(stored, s, start, take)
                    : AffectedKeys.keys(stored.entity().affectedKeys, x -> x.index() == s.index(), start, take);
            keys.forEach(key -> items.add(new Row(s.table().qualified(), s.outcome(),
                    keyObject(catalog, s.table(), key))));
            if (start + take < s.rows()) {
                next = encodeCursor(s.index(), start + take);
                break;
            }
        }
        return new Page(items, next);
    }

    private static boolean matches(TableName t, String given) {
        return t.qualified().equals(given) || t.name().equals(given)
                || t.qualified().equalsIgnoreCase(given) || t.name().equalsIgnoreCase(given);
    }

    private static Map<String, Object> keyObject(Optional<Catalog> catalog, TableName t, Object[] key) {
        List<String> columns = catalog.flatMap(c -> c.table(t)).map(Table::primaryKey).orElse(genericColumns(key.length));
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < key.length; i++) {
            out.put(i < columns.size() ? columns.get(i) : "c" + (i + 1), key[i]);
        }
        return out;
    }

    /** {@code c1, c2, ...}: the key columns of a table the catalog no longer has. */
    static List<String> genericColumns(int arity) {
        var out = new ArrayList<String>();
        for (int i = 1; i <= arity; i++) {
            out.add("c" + i);
        }
        return out;
    }

    private static String encodeCursor(int section, int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((section + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    private static int[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            int[] out = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            if (parts.length != 2 || out[0] < 0 || out[1] < 0) {
                throw new IllegalArgumentException();
            }
            return out;
        } catch (RuntimeException e) {
            throw new InvalidRequestException(InvalidRequestException.Reason.INVALID_CURSOR, "cursor",
                    "cursor: not a cursor this service gave out");
        }
    }
}
