package dev.safedelete.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Tokens as the test identity provider would issue them: signed with {@code jwt/private-key.pem}, whose public
 * half is {@code jwt/jwks.json} ({@code %test.mp.jwt.verify.publickey.location}), from the issuer the test
 * profile trusts. And the tokens an attacker would try.
 */
final class Tokens {

    static final String ISSUER = "https://idp.test.safedelete.dev";
    static final String KEY_ID = "test-idp-1";

    private static final PrivateKey IDP_KEY = load("/jwt/private-key.pem");

    private Tokens() {
    }

    /** A valid token for {@code user} with these groups (the standard roles claim), for five minutes. */
    static String forUser(String user, String... groups) {
        return sign(claims(user, groups), IDP_KEY);
    }

    /** As {@link #forUser}, limited to these targets ({@code safedelete_targets}). */
    static String forUserOnTargets(String user, List<String> targets, String... groups) {
        return sign(claims(user, groups).claim("safedelete_targets", targets), IDP_KEY);
    }

    /** A token that expired an hour ago, well past any clock skew. */
    static String expired(String user, String... groups) {
        return sign(claims(user, groups).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)), IDP_KEY);
    }

    static String fromIssuer(String issuer, String user, String... groups) {
        return sign(claims(user, groups).issuer(issuer), IDP_KEY);
    }

    /** Same claims, same key id, signed with a key the identity provider never had. */
    static String signedByAnotherKey(String user, String... groups) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(claims(user, groups), generator.generateKeyPair().getPrivate());
    }

    /** {@code alg: none}: the claims of an admin and no signature at all. */
    static String unsigned(String user, String... groups) {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = base64Url("{\"iss\":\"" + ISSUER + "\",\"upn\":\"" + user + "\",\"sub\":\"" + user
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + ",\"groups\":[\"" + String.join("\",\"", groups) + "\"]}");
        return header + "." + payload + ".";
    }

    /** A token whose payload was changed after signing (the signature is the original one). */
    static String tampered(String user, String... groups) {
        String[] parts = forUser(user, "viewer").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"" + String.join("\",\"", groups) + "\"");
        return parts[0] + "." + base64Url(payload) + "." + parts[2];
    }

    /** The identity provider's signing key, for tests that build claims of their own. */
    static PrivateKey idpKey() {
        return IDP_KEY;
    }

    private static JwtClaimsBuilder claims(String user, String... groups) {
        return Jwt.issuer(ISSUER).upn(user).subject(user).groups(Set.of(groups))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId(KEY_ID).sign(key);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey load(String resource) {
        try (InputStream in = Tokens.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test identity provider's key " + resource, e);
        }
    }
}
