package dev.safedelete.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds key tuples to the placeholders of a {@link Dialect#keyPredicate}, tuple after tuple, from the first. */
public final class Bind {

    private Bind() {
    }

    public static void tuples(PreparedStatement ps, List<Object[]> tuples) throws SQLException {
        int p = 1;
        for (Object[] tuple : tuples) {
            for (Object v : tuple) {
                ps.setObject(p++, v);
            }
        }
    }
}
