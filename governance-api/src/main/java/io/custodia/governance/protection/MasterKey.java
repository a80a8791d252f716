package io.custodia.governance.protection;

import io.custodia.governance.platform.PlatformProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Holds the master key and derives one sub-key per purpose from it, so the AEAD key and the keyed-hash key are never
 * the same bytes.
 */
@Component
class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final int LENGTH = 32;

    private final byte[] key;

    MasterKey(EncryptionProperties encryption, PlatformProperties platform) {
        this.key = StringUtils.hasText(encryption.key())
                ? decode(encryption.key())
                : fromFile(platform.dataDir().resolve("keys").resolve("master.key"));
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("custodia.encryption.key is not base64");
        }
        if (bytes.length != LENGTH) {
            throw new IllegalStateException("custodia.encryption.key must be " + LENGTH + " bytes, base64-encoded");
        }
        return bytes;
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    /**
     * Writes a fresh key into a file that is private from its first byte, then links it into place; a link never
     * replaces an existing file, so of two processes starting together both end up with the same key.
     */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] fresh = new byte[LENGTH];
        new SecureRandom().nextBytes(fresh);
        Path draft = Files.createTempFile(file.getParent(), "master", ".draft",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(draft, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            Files.createLink(file, draft);
            log.warn("Generated a new master key in {}; back it up: without it, stored personal data cannot be read",
                    file.toAbsolutePath());
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; use theirs.
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** HMAC-SHA-256(master, purpose): a one-block HKDF-Expand, enough for 32-byte sub-keys. */
    byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("custodia/" + purpose + "/v1").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
