package dev.safedelete.catalog;

import dev.safedelete.testdb.SchemaGenerator;
import dev.safedelete.testdb.ScratchDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Schemas of random shape (fixed seeds, so a failure replays): each loader must find exactly the relationships the
 * generator declared, and exactly what the driver's getImportedKeys reports, and so must the metadata crawl.
 */
class GeneratedSchemaTest {

    static Stream<Arguments> databasesAndSeeds() {
        return Stream.of(ScratchDatabase.Kind.values())
                .flatMap(kind -> Stream.of(11L, 29L, 4242L).map(seed -> Arguments.of(kind, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("databasesAndSeeds")
    void loaderFindsWhatTheGeneratorIntendedAndWhatTheDriverReports(ScratchDatabase.Kind kind, long seed) throws SQLException {
        try (var db = ScratchDatabase.create(kind)) {
            var schema = db.newSchema();
            var generated = SchemaGenerator.catalog(kind, schema, seed, 30, 45);
            db.execute(generated.ddl().toArray(String[]::new));

            var catalog = db.load(List.of(schema));

            assertEquals(30, catalog.tables().size());
            assertEquals(generated.expected(), Describe.relationships(catalog));
            assertEquals(generated.expected(), Describe.importedKeys(db.connection(), catalog.tables().keySet()));
            assertEquals(generated.expected(),
                    Describe.relationships(new JdbcMetadataCatalogLoader().load(db.connection(), List.of(schema))));
            catalog.relationships().forEach(r -> assertEquals(true,
                    catalog.table(r.parentTable()).orElseThrow().isKey(r.parentColumns()), r.id()));
        }
    }
}
