package io.custodia.pii;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds and signs a bundle from identifiers; the identifiers exist only in memory while it runs. */
public final class BundleBuilder {

    private final IdentifierNormalizer normalizer;
    private final Map<Long, Entry> entries = new TreeMap<>();
    private final TreeSet<Long> firstWords = new TreeSet<>();
    private final SipHash hash;
    private final long firstWordKey;
    private final FirstWordHash firstWordHash;
    private final byte[] hashKey;
    private int maxWords = 1;
    private int maxChars = 1;
    private int skipped;

    private record Entry(IdentifierKind kind, int words) {}

    /**
     * @param hashKey 16 bytes keying SipHash; a fresh random key per bundle keeps one bundle's hashes useless against
     *     another's. Pass a fixed key only to make builds reproducible.
     */
    public BundleBuilder(String phoneRegion, byte[] hashKey) {
        this(phoneRegion, hashKey, FirstWordHash.MULXOR4);
    }

    /** With the first-word hash of a format readers still accept, to test them. */
    BundleBuilder(String phoneRegion, byte[] hashKey, FirstWordHash firstWordHash) {
        this.firstWordHash = firstWordHash;
        this.normalizer = new IdentifierNormalizer(phoneRegion, true);
        this.hashKey = hashKey.clone();
        long[] key = Bundle.parseKey(HexFormat.of().formatHex(hashKey));
        this.hash = new SipHash(key[0], key[1]);
        this.firstWordKey = key[1];
    }

    public static byte[] randomKey() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * Adds one identifier; returns false when nothing identifying is left after normalization (e.g. only punctuation).
     * A name, address or other identifier with German umlauts is added a second time spelled as German writes them
     * without the dots (Müller as Mueller), since the normalization folds ü to u and the text may use either.
     */
    public boolean add(IdentifierKind kind, String raw) {
        if (!addOne(kind, Objects.requireNonNull(raw))) {
            skipped++;
            return false;
        }
        if (kind != IdentifierKind.EMAIL && kind != IdentifierKind.PHONE) {
            String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);
            String spelled = umlautsSpelledOut(composed);
            if (!spelled.equals(composed)) {
                addOne(kind, spelled);
            }
        }
        return true;
    }

    private static String umlautsSpelledOut(String name) {
        return name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue");
    }

    private boolean addOne(IdentifierKind kind, String raw) {
        String normalized = normalizer.normalize(kind, raw);
        if (normalized.isEmpty()) {
            return false;
        }
        // Addresses and other identifiers are matched as word sequences, like names.
        IdentifierKind stored = kind == IdentifierKind.ADDRESS ? IdentifierKind.OTHER : kind;
        int words = stored == IdentifierKind.EMAIL || stored == IdentifierKind.PHONE ? 1 : normalized.split(" ").length;
        if (words > 255 || normalized.length() > 4096) {
            return false;
        }
        entries.putIfAbsent(hash.hash(normalized), new Entry(stored, words));
        if (stored != IdentifierKind.EMAIL && stored != IdentifierKind.PHONE) {
            String first = normalized.split(" ", 2)[0];
            firstWords.add(Bundle.firstWordHash(firstWordHash, firstWordKey, first, 0, first.length(), false));
            maxWords = Math.max(maxWords, words);
            maxChars = Math.max(maxChars, normalized.length());
        }
        return true;
    }

    /** Distinct entries so far. */
    public int size() {
        return entries.size();
    }

    public int skipped() {
        return skipped;
    }

    /** The header fields a release chooses. */
    public record Release(String bundleVersion, Instant created, Instant validUntil, String keyId) {}

    public byte[] build(Release release, PrivateKey signer) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("bundle-version", release.bundleVersion());
        header.put("created", release.created().toString());
        header.put("valid-until", release.validUntil().toString());
        header.put("key-id", release.keyId());
        header.put("normalization-version", Integer.toString(IdentifierNormalizer.VERSION));
        header.put("fold-diacritics", "true");
        header.put("hash", "siphash-2-4");
        header.put("first-word-hash", firstWordHash.header);
        header.put("hash-key", HexFormat.of().formatHex(hashKey));
        header.put("replacement", PiiType.NAME.marker());
        header.put("entries", Integer.toString(entries.size()));
        header.put("first-words", Integer.toString(firstWords.size()));
        header.put("max-words", Integer.toString(maxWords));
        header.put("max-chars", Integer.toString(maxChars));
        for (var field : header.entrySet()) {
            if (field.getValue().contains("\n") || (field.getKey() + ": " + field.getValue()).getBytes(StandardCharsets.UTF_8).length >= Bundle.MAX_LINE) {
                throw new IllegalArgumentException(field.getKey() + " must be one line of less than " + Bundle.MAX_LINE + " bytes");
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * Bundle.ENTRY_LENGTH + firstWords.size() * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            StringBuilder text = new StringBuilder(Bundle.MAGIC).append('\n');
            header.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
            out.write(text.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            for (var entry : entries.entrySet()) {
                out.writeLong(entry.getKey());
                out.writeByte(entry.getValue().kind().ordinal());
                out.writeByte(entry.getValue().words());
            }
            for (long first : firstWords) {
                out.writeLong(first);
            }
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signer);
            out.flush();
            signature.update(bytes.toByteArray());
            out.write(signature.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
