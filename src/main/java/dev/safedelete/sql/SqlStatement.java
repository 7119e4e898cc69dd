package dev.safedelete.sql;

import java.util.List;

/**
 * One statement and the values bound to its placeholders, in order: what the executor runs and what {@code /script}
 * renders, from the same object. A value may be an {@link SqlArray}, bound as one array parameter.
 */
public record SqlStatement(String sql, List<Object> values) {

    public SqlStatement {
        values = List.copyOf(values.stream().map(v -> v == null ? NullValue.NULL : v).toList());
    }

    /** {@code sql} with the values of {@code tuples}, tuple after tuple, for a {@link Dialect#keyPredicate}. */
    public static SqlStatement of(String sql, List<Object[]> tuples) {
        var values = new java.util.ArrayList<Object>();
        for (Object[] t : tuples) {
            values.addAll(java.util.Arrays.asList(t));
        }
        return new SqlStatement(sql, values);
    }

    /** The value at {@code i}, null for SQL NULL. */
    public Object value(int i) {
        Object v = values.get(i);
        return v == NullValue.NULL ? null : v;
    }

    /** A statement for a person to read: every placeholder outside quotes replaced by the value's literal. */
    public String inline(Dialect dialect) {
        var out = new StringBuilder(sql.length() + values.size() * 8);
        char quote = 0;
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '?') {
                out.append(SqlLiterals.literal(value(next++)));
                continue;
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** Stands for SQL NULL inside the immutable value list. */
    private enum NullValue { NULL }
}
