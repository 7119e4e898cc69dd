package dev.safedelete.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A bearer value presented as an API key. A type of its own (not Quarkus' TokenAuthenticationRequest) so that the
 * JWT validator never sees API keys and {@link ApiKeyIdentityProvider} never sees tokens.
 */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key hidden]";
    }
}
