package dev.safedelete.plan;

import dev.safedelete.error.SafeDeleteException;

import java.util.List;
import java.util.Map;

/** Root keys that match no row; {@code facts.missingKeys} lists them. */
public class RowsNotFoundException extends SafeDeleteException {

    public RowsNotFoundException(String table, List<Map<String, Object>> missing) {
        super(missing.size() + " of the keys match no row of " + table + ": " + missing,
                Map.of("field", "keys", "missingKeys", missing));
    }
}
