package dev.safedelete.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured API keys, checked once at start-up (a key with no secret, two secrets, a malformed hash or an
 * unknown role fails start-up rather than locking people out or letting them in by surprise).
 */
@ApplicationScoped
public class ApiKeys {

    private final List<ApiKey> keys;

    @Inject
    public ApiKeys(SecurityConfig config) {
        this(config.apiKeys());
    }

    ApiKeys(Map<String, SecurityConfig.ApiKeyConfig> configured) {
        var list = new ArrayList<ApiKey>();
        new TreeMap<>(configured).forEach((id, key) -> list.add(parse(id, key)));
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                if (MessageDigest.isEqual(list.get(i).sha256(), list.get(j).sha256())) {
                    // Which principal (and which roles) a shared secret stands for would be a guess.
                    throw new IllegalStateException("safedelete.security.api-keys." + list.get(i).id() + " and ."
                            + list.get(j).id() + " have the same key; every key must be distinct");
                }
            }
        }
        this.keys = List.copyOf(list);
    }

    /**
     * The key whose SHA-256 equals that of the presented one. Every configured key is compared, each in constant
     * time, so the answer's timing says neither whether nor which key matched.
     */
    public Optional<ApiKey> match(String presented) {
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(digest, key.sha256()) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    public List<String> ids() {
        return keys.stream().map(ApiKey::id).toList();
    }

    List<ApiKey> all() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static ApiKey parse(String id, SecurityConfig.ApiKeyConfig config) {
        String where = "safedelete.security.api-keys." + id;
        if (config.key().isPresent() == config.keySha256().isPresent()) {
            throw new IllegalStateException(where + " needs exactly one of .key and .key-sha256");
        }
        byte[] digest;
        if (config.key().isPresent()) {
            if (config.key().get().isBlank()) {
                throw new IllegalStateException(where + ".key is empty");
            }
            digest = sha256(config.key().get());
        } else {
            String hex = config.keySha256().get().trim().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException(where + ".key-sha256 must be 64 hex digits (the SHA-256 of the key)");
            }
            digest = HexFormat.of().parseHex(hex);
        }
        var roles = new LinkedHashSet<String>();
        for (String role : config.roles()) {
            String name = role.trim();
            if (!Roles.known(name)) {
                throw new IllegalStateException(where + ".roles has an unknown role '" + name + "'; roles are " + Roles.ALL);
            }
            roles.add(name);
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException(where + ".roles is empty; roles are " + Roles.ALL);
        }
        TargetScope targets = config.targets().map(TargetScope::only).orElse(TargetScope.ALL);
        if (!targets.all() && targets.names().isEmpty()) {
            throw new IllegalStateException(where + ".targets is empty; leave it out to allow every target");
        }
        return new ApiKey(id, digest, Set.copyOf(roles), targets);
    }
}
