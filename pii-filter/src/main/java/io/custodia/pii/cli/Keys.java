package io.custodia.pii.cli;

import io.custodia.pii.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/** Reads signing keys from PEM files for the CLI, turning unreadable files and bad keys into messages. */
final class Keys {

    private Keys() {}

    static PublicKey readPublic(Path file) {
        try {
            return SigningKeys.readPublic(read(file));
        } catch (IllegalArgumentException e) {
            throw new PiiFilterCli.BadInput(file + ": " + e.getMessage());
        }
    }

    static PrivateKey readPrivate(Path file) {
        try {
            return SigningKeys.readPrivate(read(file));
        } catch (IllegalArgumentException e) {
            throw new PiiFilterCli.BadInput(file + ": " + e.getMessage());
        }
    }

    private static String read(Path file) {
        if (!Files.isReadable(file)) {
            throw new PiiFilterCli.BadInput("cannot read " + file);
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new PiiFilterCli.BadInput("cannot read " + file);
        }
    }
}
