package dev.safedelete.catalog;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Finds the table a caller means: {@code schema.table}, or a bare {@code table} when only one schema has it.
 * Names compare exactly first and, only when nothing matches exactly, ignoring case, so that {@code orders} finds
 * H2's {@code ORDERS} while {@code Orders} and {@code orders} side by side stay distinct.
 */
public final class TableLookup {

    private TableLookup() {
    }

    public sealed interface Result permits Found, NotFound, Ambiguous {
    }

    public record Found(TableName table) implements Result {
    }

    public record NotFound(String given) implements Result {
    }

    /** Several tables fit; {@code candidates} are their qualified names, for the caller to choose from. */
    public record Ambiguous(String given, List<TableName> candidates) implements Result {
        public Ambiguous {
            candidates = candidates.stream().sorted().toList();
        }
    }

    public static Result resolve(Catalog catalog, String given) {
        return resolve(catalog.tables().keySet(), given);
    }

    public static Result resolve(Collection<TableName> tables, String given) {
        if (given == null || given.isBlank()) {
            return new NotFound(given);
        }
        for (BiPredicate<String, String> same : List.<BiPredicate<String, String>>of(String::equals, String::equalsIgnoreCase)) {
            // a name with a dot may be schema.table or a table whose name holds a dot: both count
            var matches = new LinkedHashSet<TableName>();
            tables.stream().filter(t -> same.test(t.qualified(), given)).forEach(matches::add);
            tables.stream().filter(t -> same.test(t.name(), given)).forEach(matches::add);
            if (matches.size() == 1) {
                return new Found(matches.iterator().next());
            }
            if (matches.size() > 1) {
                return new Ambiguous(given, List.copyOf(matches));
            }
        }
        return new NotFound(given);
    }
}
