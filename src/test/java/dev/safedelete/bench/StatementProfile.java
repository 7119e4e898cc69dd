package dev.safedelete.bench;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Wall time spent inside JDBC per statement shape (IN lists collapsed): execute calls, and for queries every
 * {@code ResultSet.next()} (where a streaming driver waits for the next fetch). Used by the benchmarks' profile mode to
 * say which statements the time goes to; everything else is time in the caller (Java).
 */
final class StatementProfile {

    private record Entry(long[] nanos, long[] calls) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    DataSource wrap(DataSource ds) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connection(ds.getConnection());
            }

            @Override
            public Connection getConnection(String u, String p) throws SQLException {
                return connection(ds.getConnection(u, p));
            }

            @Override
            public PrintWriter getLogWriter() throws SQLException {
                return ds.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) throws SQLException {
                ds.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                ds.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return ds.getLoginTimeout();
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                return ds.unwrap(iface);
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) throws SQLException {
                return ds.isWrapperFor(iface);
            }
        };
    }

    Connection connection(Connection c) {
        return proxy(Connection.class, c, (method, args, call) -> {
            Object out = call.run();
            if (method.equals("prepareStatement")) {
                return statement(PreparedStatement.class, (PreparedStatement) out, shape((String) args[0]));
            }
            if (method.equals("createStatement")) {
                return statement(Statement.class, (Statement) out, null);
            }
            if (method.equals("commit") || method.equals("rollback")) {
                record(method.toUpperCase(), call.nanos);
            }
            return out;
        });
    }

    private <S extends Statement> S statement(Class<S> type, S s, String shape) {
        return proxy(type, s, (method, args, call) -> {
            Object out = call.run();
            String key = shape != null ? shape : args != null && args.length > 0 && args[0] instanceof String sql ? shape(sql) : null;
            if (method.startsWith("execute") && key != null) {
                record(key, call.nanos);
                if (out instanceof ResultSet rs) {
                    return resultSet(rs, key);
                }
            }
            return out;
        });
    }

    private ResultSet resultSet(ResultSet rs, String key) {
        return proxy(ResultSet.class, rs, (method, args, call) -> {
            Object out = call.run();
            if (method.equals("next")) {
                add(key, call.nanos, 0);
            }
            return out;
        });
    }

    private void record(String key, long nanos) {
        add(key, nanos, 1);
    }

    private synchronized void add(String key, long nanos, long calls) {
        var e = entries.computeIfAbsent(key, k -> new Entry(new long[1], new long[1]));
        e.nanos[0] += nanos;
        e.calls[0] += calls;
    }

    static String shape(String sql) {
        // possessive quantifiers: a greedy group repeated a thousand times (an IN list) overflows the regex stack
        String s = sql.replaceAll("\\?(?:\\s*+,\\s*+\\?)++", "?..").replaceAll("(?:\\(\\?\\.\\.\\)\\s*+,\\s*+)++", "")
                .replaceAll("\\s+", " ");
        return s.length() > 150 ? s.substring(0, 150) + "..." : s;
    }

    synchronized String report() {
        var sb = new StringBuilder();
        entries.forEach((k, e) -> sb.append(String.format("    %8.0f ms %6d x  %s%n", e.nanos[0] / 1e6, e.calls[0], k)));
        return sb.toString();
    }

    synchronized long totalNanos() {
        return entries.values().stream().mapToLong(e -> e.nanos[0]).sum();
    }

    private interface Handler {
        Object handle(String method, Object[] args, Call call) throws Throwable;
    }

    private static final class Call {
        private final Object target;
        private final java.lang.reflect.Method method;
        private final Object[] args;
        long nanos;

        Call(Object target, java.lang.reflect.Method method, Object[] args) {
            this.target = target;
            this.method = method;
            this.args = args;
        }

        Object run() throws Throwable {
            long t = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                nanos = System.nanoTime() - t;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler h = (p, m, a) -> handler.handle(m.getName(), a, new Call(target, m, a));
        return (T) Proxy.newProxyInstance(StatementProfile.class.getClassLoader(), new Class<?>[]{type}, h);
    }
}
