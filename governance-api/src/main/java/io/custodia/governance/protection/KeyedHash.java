package io.custodia.governance.protection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA-256 under a key derived from the master key: finds equal personal values without storing them, and,
 * unlike a plain hash, cannot be reversed by hashing guesses without the key.
 */
@Component
public class KeyedHash {

    private final SecretKeySpec key;

    KeyedHash(MasterKey master) {
        this.key = new SecretKeySpec(master.derive("keyed-hash"), "HmacSHA256");
    }

    /** The domain separates uses, so an e-mail hashed as a requester never equals the same e-mail hashed as a code. */
    public byte[] of(String domain, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Unkeyed SHA-256, for secrets that already carry 256 bits of entropy (tokens). */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
