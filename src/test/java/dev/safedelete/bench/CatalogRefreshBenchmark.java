package dev.safedelete.bench;

import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.Describe;
import dev.safedelete.catalog.JdbcMetadataCatalogLoader;
import dev.safedelete.testdb.SchemaGenerator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Times a catalog refresh on a generated schema of 2,000 tables and 3,000 relationships: the dialect loader (a
 * constant number of catalog queries) against the per-table DatabaseMetaData crawl of
 * {@link JdbcMetadataCatalogLoader}, on the same schema in the same run, and checks both find the same
 * relationships. Not a test (the class name does not end in Test); run it with
 *
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test -Dexec.mainClass=dev.safedelete.bench.CatalogRefreshBenchmark</pre>
 *
 * Optional arguments: {@code -Dexec.args="POSTGRES,MARIADB 2000 3000"} (databases, tables, relationships).
 */
public final class CatalogRefreshBenchmark {

    private static final int LOADER_RUNS = 5;

    public static void main(String[] args) throws Exception {
        var kinds = args.length > 0 ? args[0].split(",") : new String[]{"POSTGRES", "MARIADB"};
        int tables = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int relationships = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        for (var kind : kinds) {
            run(BenchTree.kind(kind), tables, relationships);
        }
    }

    private static void run(ScratchDatabase.Kind kind, int tableCount, int relationshipCount) throws Exception {
        try (var db = ScratchDatabase.create(kind)) {
            var schema = db.newSchema();
            var generated = SchemaGenerator.catalog(kind, schema, 20_260_101L, tableCount, relationshipCount);
            long start = System.nanoTime();
            createSchema(db.connection(), generated.ddl());
            System.out.printf("%s: created %d tables, %d relationships in %.1f s%n", kind, tableCount, relationshipCount, seconds(start));

            var loader = db.loader();
            load(loader, db.connection(), schema); // warm-up: JIT, driver caches, server caches
            long best = Long.MAX_VALUE;
            Catalog loaded = null;
            for (int i = 0; i < LOADER_RUNS; i++) {
                long t = System.nanoTime();
                loaded = load(loader, db.connection(), schema);
                best = Math.min(best, System.nanoTime() - t);
            }
            long t = System.nanoTime();
            var crawled = load(new JdbcMetadataCatalogLoader(), db.connection(), schema);
            long crawl = System.nanoTime() - t;

            var fromLoader = Describe.relationships(loaded);
            boolean same = fromLoader.equals(Describe.relationships(crawled)) && fromLoader.equals(generated.expected());
            System.out.printf("%s: %s %.0f ms (best of %d) | JDBC metadata crawl %.0f ms | %.1fx faster | %d tables, %d relationships | same relationships as crawl and generator: %s%n",
                    kind, loader.getClass().getSimpleName(), best / 1e6, LOADER_RUNS, crawl / 1e6, (double) crawl / best,
                    loaded.tables().size(), loaded.relationships().size(), same);
            if (!same) {
                throw new IllegalStateException(kind + ": the loader and the crawl disagree");
            }
        }
    }

    private static Catalog load(CatalogLoader loader, Connection connection, String schema) throws SQLException {
        return loader.load(connection, List.of(schema));
    }

    private static void createSchema(Connection connection, List<String> ddl) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (var statement = connection.createStatement()) {
            for (var sql : ddl) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
