package dev.safedelete.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store on H2, starting from a store left at V2 with rows in that version's formats ({@link V2Rows}). A file
 * database, not an in-memory one: the rows are written before the service starts, and a file is the same database
 * whichever class loader opens it.
 */
public class H2StoreProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoreDatabase.class));
    }

    public static class StoreDatabase implements QuarkusTestResourceLifecycleManager {

        private Path folder;

        @Override
        public Map<String, String> start() {
            try {
                folder = Files.createDirectories(Path.of("target", "h2-store", UUID.randomUUID().toString()))
                        .toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String url = "jdbc:h2:file:" + folder.resolve("store");
            V2Rows.seed(url, "sa", "");
            return Map.of("quarkus.datasource.jdbc.url", url);
        }

        @Override
        public void stop() {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
