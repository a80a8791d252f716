package io.custodia.pii.cli;

import io.custodia.pii.Bundle;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.IdentifierKind;
import io.custodia.pii.SigningKeys;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** Hash bundles: make signing keys, build a bundle from identifiers, verify one, and inspect it without revealing values. */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Build, verify and inspect signed PII hash bundles.",
        subcommands = {BundleCommand.Keygen.class, BundleCommand.Build.class, BundleCommand.Verify.class, BundleCommand.Inspect.class})
final class BundleCommand {

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Write a new Ed25519 key pair as PEM files.")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--private-key", required = true, paramLabel = "FILE") Path privateKey;
        @Option(names = "--public-key", required = true, paramLabel = "FILE") Path publicKey;
        @Override
        public Integer call() throws Exception {
            KeyPair pair = SigningKeys.generate();
            // Created owner-only and only if absent, in one step: a signing key is never readable by others, even briefly.
            var ownerOnly = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path draft = Files.createTempFile(privateKey.toAbsolutePath().getParent(), ".key-", ".tmp", ownerOnly);
            try {
                Files.writeString(draft, SigningKeys.privatePem(pair.getPrivate()), StandardCharsets.US_ASCII);
                Files.createLink(privateKey, draft);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new PiiFilterCli.BadInput(privateKey + " exists; refusing to overwrite a signing key");
            } finally {
                Files.deleteIfExists(draft);
            }
            Files.writeString(publicKey, SigningKeys.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
            return 0;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build a signed bundle from JSONL identifiers: {\"kind\":\"NAME\",\"value\":\"Jane Doe\"} or "
                    + "{\"names\":[…],\"emails\":[…],\"phones\":[…],\"addresses\":[…],\"other\":[…]} per line.")
    static final class Build implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "identifiers (JSONL); standard input when absent") Path input;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE") Path output;
        @Option(names = "--private-key", required = true, paramLabel = "FILE") Path privateKey;
        @Option(names = "--key-id", required = true) String keyId;
        @Option(names = "--bundle-version", required = true) String bundleVersion;
        @Option(names = "--valid-for", defaultValue = "P180D", description = "ISO-8601 duration (default: ${DEFAULT-VALUE}, six months)") Duration validFor;
        @Option(names = "--phone-region", defaultValue = "CH", description = "region for phone numbers without a country code") String region;
        @Option(names = "--hash-key", paramLabel = "HEX", description = "16-byte SipHash key in hex, for reproducible builds; random otherwise") String hashKey;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            byte[] key = hashKey == null ? BundleBuilder.randomKey() : hex(hashKey);
            BundleBuilder builder = new BundleBuilder(region.toUpperCase(Locale.ROOT), key);
            long lines = 0;
            try (BufferedReader in = input == null
                    ? new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : reader(input)) {
                ByteOrderMark.skip(in);
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines++;
                    if (!line.isBlank()) {
                        add(builder, line, lines);
                    }
                }
            }
            Instant now = Clock.systemUTC().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            byte[] bundle = builder.build(new BundleBuilder.Release(bundleVersion, now, now.plus(validFor), keyId), Keys.readPrivate(privateKey));
            Path temporary = Files.createTempFile(output.toAbsolutePath().getParent(), ".bundle-", ".tmp");
            try {
                Files.write(temporary, bundle);
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            spec.commandLine().getErr().printf("pii-filter: %d lines read, %d identifiers skipped as empty after normalization, %d bytes written%n",
                    lines, builder.skipped(), bundle.length);
            return 0;
        }

        private static BufferedReader reader(Path input) throws java.io.IOException {
            if (!Files.isReadable(input)) {
                throw new PiiFilterCli.BadInput("cannot read " + input);
            }
            return Files.newBufferedReader(input, StandardCharsets.UTF_8);
        }

        private static byte[] hex(String value) {
            try {
                byte[] key = HexFormat.of().parseHex(value);
                if (key.length == 16) {
                    return key;
                }
            } catch (IllegalArgumentException ignored) {
                // Reported below.
            }
            throw new PiiFilterCli.BadInput("--hash-key must be 32 hex digits");
        }

        private static final Map<String, IdentifierKind> LISTS = Map.of("names", IdentifierKind.NAME, "emails", IdentifierKind.EMAIL,
                "phones", IdentifierKind.PHONE, "addresses", IdentifierKind.ADDRESS, "other", IdentifierKind.OTHER);

        private static void add(BundleBuilder builder, String line, long number) {
            JsonNode node;
            try {
                node = ScanCommand.JSON.readTree(line);
            } catch (tools.jackson.core.JacksonException e) {
                throw new PiiFilterCli.BadInput("line " + number + " is not valid JSON");
            }
            if (!node.isObject()) {
                throw new PiiFilterCli.BadInput("line " + number + " is not a JSON object");
            }
            if (node.has("kind")) {
                IdentifierKind kind;
                try {
                    kind = IdentifierKind.valueOf(node.path("kind").asString().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new PiiFilterCli.BadInput("line " + number + ": kind must be one of NAME, EMAIL, PHONE, ADDRESS, OTHER");
                }
                if (!node.path("value").isString()) {
                    throw new PiiFilterCli.BadInput("line " + number + " needs a text \"value\"");
                }
                builder.add(kind, node.path("value").asString());
                return;
            }
            boolean any = false;
            for (var list : LISTS.entrySet()) {
                JsonNode values = node.path(list.getKey());
                if (values.isArray()) {
                    for (JsonNode value : values) {
                        if (!value.isString()) {
                            throw new PiiFilterCli.BadInput("line " + number + ": " + list.getKey() + " must hold strings");
                        }
                        builder.add(list.getValue(), value.asString());
                        any = true;
                    }
                }
            }
            if (!any) {
                throw new PiiFilterCli.BadInput("line " + number + " has neither kind/value nor identifier lists");
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a bundle's signature, format and validity date.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "BUNDLE") Path bundle;
        @Option(names = "--public-key", required = true, paramLabel = "FILE") Path publicKey;
        @Option(names = "--allow-stale", description = "a stale bundle is reported but still exits 0") boolean allowStale;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Bundle loaded = FilterOptions.load(bundle, publicKey, allowStale);
            boolean stale = loaded.staleAt(Instant.now());
            spec.commandLine().getOut().printf("valid: bundle %s, %d entries, signed with key %s%s%n", loaded.header().get("bundle-version"),
                    loaded.size(), loaded.header().get("key-id"), stale ? ", STALE since " + loaded.header().get("valid-until") : "");
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Print a bundle's header and counts (never values).")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "BUNDLE") Path bundle;
        @Option(names = "--public-key", required = true, paramLabel = "FILE") Path publicKey;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Bundle loaded = FilterOptions.load(bundle, publicKey, true);
            var out = spec.commandLine().getOut();
            loaded.header().forEach((k, v) -> {
                if (!k.equals("hash-key")) {
                    out.printf("%s: %s%n", k, v);
                }
            });
            out.printf("stale: %s%n", loaded.staleAt(Instant.now()));
            loaded.counts().forEach((kind, count) -> out.printf("count.%s: %d%n", kind, count));
            return 0;
        }
    }
}
