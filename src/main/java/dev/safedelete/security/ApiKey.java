package dev.safedelete.security;

import java.util.Set;

/**
 * One configured API key, as kept in memory: only the SHA-256 of the key, never the key itself, so a heap dump or
 * a debugger shows nothing a caller could send.
 */
record ApiKey(String id, byte[] sha256, Set<String> roles, TargetScope targets) {

    /** The principal name stored on plans and executions; prefixed so it cannot collide with a token's subject. */
    String principal() {
        return "api-key:" + id;
    }
}
