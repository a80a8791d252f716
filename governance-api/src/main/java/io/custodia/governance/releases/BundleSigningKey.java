package io.custodia.governance.releases;

import io.custodia.governance.platform.PlatformProperties;
import io.custodia.pii.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs released bundles, kept as PEM files in the data directory (the private one readable by
 * the owner only) and generated at first use; the public key is published next to the bundles.
 */
@Component
class BundleSigningKey {

    private static final Logger log = LoggerFactory.getLogger(BundleSigningKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    BundleSigningKey(PlatformProperties platform) {
        Path directory = platform.dataDir().resolve("keys");
        Path privateFile = directory.resolve("bundle-signing.pem");
        Path publicFile = directory.resolve("bundle-signing.pub.pem");
        try {
            if (!Files.exists(privateFile)) {
                create(directory, privateFile, publicFile);
            }
            this.privateKey = SigningKeys.readPrivate(Files.readString(privateFile, StandardCharsets.US_ASCII));
            this.publicKey = SigningKeys.readPublic(Files.readString(publicFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the bundle signing key in " + directory, e);
        }
    }

    private static void create(Path directory, Path privateFile, Path publicFile) throws IOException {
        Files.createDirectories(directory);
        KeyPair pair = SigningKeys.generate();
        Path draft = Files.createTempFile(directory, "bundle-signing", ".draft",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(draft, SigningKeys.privatePem(pair.getPrivate()), StandardCharsets.US_ASCII);
            Files.createLink(privateFile, draft);
            Files.writeString(publicFile, SigningKeys.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
            log.warn("Generated a new bundle signing key in {}; publish {} so that users can verify bundles",
                    privateFile.toAbsolutePath(), publicFile.toAbsolutePath());
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; use theirs.
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    java.security.PublicKey publicKey() {
        return publicKey;
    }

    String publicPem() {
        return SigningKeys.publicPem(publicKey);
    }

    /** The key id written into bundles: the first 16 hex digits of the SHA-256 of the public key's encoding. */
    String keyId() {
        try {
            return "ed25519-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
