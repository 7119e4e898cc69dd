package dev.safedelete.security;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes a valid key configuration, and how a presented key is matched. */
class ApiKeysTest {

    record Key(Optional<String> key, Optional<String> keySha256, List<String> roles, Optional<List<String>> targets)
            implements SecurityConfig.ApiKeyConfig {

        static Key plain(String key, String... roles) {
            return new Key(Optional.of(key), Optional.empty(), List.of(roles), Optional.empty());
        }

        static Key hashed(String sha256, String... roles) {
            return new Key(Optional.empty(), Optional.of(sha256), List.of(roles), Optional.empty());
        }

        Key onTargets(String... names) {
            return new Key(key, keySha256, roles, Optional.of(List.of(names)));
        }
    }

    @Test
    void aKeyConfiguredByItsSha256MatchesTheSecret() {
        String sha = HexFormat.of().formatHex(ApiKeys.sha256("s3cret"));
        var keys = new ApiKeys(Map.of("plain", Key.plain("other", "viewer"), "hashed", Key.hashed(sha.toUpperCase(), "admin")));
        assertEquals("hashed", keys.match("s3cret").orElseThrow().id());
        assertEquals("plain", keys.match("other").orElseThrow().id());
        assertTrue(keys.match("s3cret ").isEmpty());
        assertTrue(keys.match("").isEmpty());
    }

    @Test
    void twoIdsWithTheSameSecretFailStartUp() {
        String sha = HexFormat.of().formatHex(ApiKeys.sha256("s3cret"));
        var thrown = assertThrows(IllegalStateException.class,
                () -> new ApiKeys(Map.of("a", Key.plain("s3cret", "viewer"), "b", Key.hashed(sha, "admin"))));
        assertTrue(thrown.getMessage().contains("same key"), thrown.getMessage());
    }

    @Test
    void rolesAndTargetsAreKept() {
        var key = new ApiKeys(Map.of("ci", Key.plain("k", " planner", "viewer ").onTargets("shop", " crm"))).match("k").orElseThrow();
        assertEquals("api-key:ci", key.principal());
        assertEquals(Set.of("planner", "viewer"), key.roles());
        assertEquals(TargetScope.only(List.of("shop", "crm")), key.targets());
        assertTrue(key.targets().allows("crm"));
        assertTrue(!key.targets().allows("demo"));
        assertEquals(TargetScope.ALL, new ApiKeys(Map.of("a", Key.plain("k", "admin"))).match("k").orElseThrow().targets());
    }

    @Test
    void misconfiguredKeysFailStartUpNamingTheKey() {
        assertFails("exactly one of .key and .key-sha256",
                new Key(Optional.of("k"), Optional.of("0".repeat(64)), List.of("admin"), Optional.empty()));
        assertFails("exactly one of .key and .key-sha256", new Key(Optional.empty(), Optional.empty(), List.of("admin"), Optional.empty()));
        assertFails("64 hex digits", Key.hashed("abc", "admin"));
        assertFails("64 hex digits", Key.hashed("z".repeat(64), "admin"));
        assertFails("unknown role 'root'", Key.plain("k", "root"));
        assertFails(".key is empty", Key.plain(" ", "admin"));
        assertFails(".targets is empty", Key.plain("k", "admin").onTargets(" "));
    }

    @Test
    void theHierarchyImpliesEveryLowerRole() {
        assertEquals(Set.of("viewer"), Roles.implied(Roles.VIEWER));
        assertEquals(Set.of("planner", "viewer"), Roles.implied(Roles.PLANNER));
        assertEquals(Set.of("executor", "planner", "viewer"), Roles.implied(Roles.EXECUTOR));
        assertEquals(Set.of("admin", "executor", "planner", "viewer"), Roles.implied(Roles.ADMIN));
        assertEquals(Set.of("staff"), Roles.implied("staff"));
    }

    private static void assertFails(String message, Key key) {
        var thrown = assertThrows(IllegalStateException.class, () -> new ApiKeys(Map.of("bad", key)));
        assertTrue(thrown.getMessage().contains("safedelete.security.api-keys.bad"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains(message), thrown.getMessage());
    }
}
