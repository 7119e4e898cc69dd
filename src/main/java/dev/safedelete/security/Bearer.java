package dev.safedelete.security;

import java.util.Optional;

/** The credentials of an {@code Authorization: Bearer <value>} header (RFC 6750: the scheme is case-insensitive). */
final class Bearer {

    private static final String SCHEME = "bearer ";

    private Bearer() {
    }

    static Optional<String> from(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String value = authorization.substring(SCHEME.length()).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
