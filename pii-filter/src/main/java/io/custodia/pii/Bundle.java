package io.custodia.pii;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded PII hash bundle: keyed hashes of normalized identifiers from approved removal requests, never the
 * identifiers themselves. The format is specified in docs/pii-filter-bundle.md; loading checks the Ed25519 signature
 * before reading anything else.
 */
public final class Bundle {

    public static final String MAGIC = "CUSTODIA-PII-BUNDLE 1";
    static final int SIGNATURE_LENGTH = 64;
    static final int ENTRY_LENGTH = 10;
    /** Longest header line in bytes, newline excluded. */
    static final int MAX_LINE = 4096;

    private final Map<String, String> header;
    private final long[] hashes;
    private final byte[] kinds;
    private final long[] firstWords;
    private final long[] firstWordBits;
    private final int firstWordShift;
    /** Where each bucket of {@link #hashes} (by their top bits, in signed order) starts: a lookup reads a few lines. */
    private final int[] bucketStarts;
    private final int bucketShift;
    private static final IdentifierKind[] KINDS = IdentifierKind.values();
    private final SipHash hash;
    private final long firstWordKey;
    private final FirstWordHash firstWordHash;
    private final int maxWords;
    private final int maxChars;
    private final Instant validUntil;

    private Bundle(Map<String, String> header, long[] hashes, byte[] kinds, long[] firstWords) {
        this.header = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(header));
        this.hashes = hashes;
        this.kinds = kinds;
        this.firstWords = firstWords;
        long[] key = parseKey(header.get("hash-key"));
        this.hash = new SipHash(key[0], key[1]);
        this.firstWordKey = key[1];
        this.firstWordHash = FirstWordHash.named(header.get("first-word-hash"));
        this.maxWords = Integer.parseInt(header.get("max-words"));
        this.maxChars = Integer.parseInt(header.get("max-chars"));
        this.validUntil = Instant.parse(header.get("valid-until"));
        // A bit filter over first-word hashes, 32 to 64 bits per first word and 4 KB at least (so at most 3% false hits,
        // fewer while the words are few), turns most words away with one memory access; sized to the words, it stays
        // in cache when they are few. It is keyed by the hash before its finalizer, which is invertible, so that a word
        // costs the finalizer's multiplies only when the filter lets it through.
        int bits = Math.max(1 << 15, Integer.highestOneBit(Math.max(1, firstWords.length)) << 6);
        this.firstWordBits = new long[Math.min(bits, 1 << 30) >>> 6];
        this.firstWordShift = 64 - Integer.numberOfTrailingZeros(firstWordBits.length << 6);
        for (long h : firstWords) {
            int bit = (int) (unfinish(h) >>> firstWordShift);
            firstWordBits[bit >>> 6] |= 1L << bit;
        }
        int bucketBits = Math.max(1, Math.min(20, 31 - Integer.numberOfLeadingZeros(Math.max(1, hashes.length / 16))));
        this.bucketShift = 64 - bucketBits;
        this.bucketStarts = new int[(1 << bucketBits) + 1];
        for (long h : hashes) {
            bucketStarts[bucket(h) + 1]++;
        }
        for (int b = 0; b < 1 << bucketBits; b++) {
            bucketStarts[b + 1] += bucketStarts[b];
        }
    }

    /** The outcome of loading: a verified bundle (perhaps stale), or a refusal with its reason. */
    public sealed interface Loading {
        record Loaded(Bundle bundle, boolean stale) implements Loading {}

        record Rejected(String reason) implements Loading {}
    }

    public static Loading load(byte[] bytes, PublicKey signer, Clock clock) {
        if (bytes.length < SIGNATURE_LENGTH + MAGIC.length()) {
            return new Loading.Rejected("too short to be a bundle");
        }
        int signed = bytes.length - SIGNATURE_LENGTH;
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(signer);
            verifier.update(bytes, 0, signed);
            if (!verifier.verify(bytes, signed, SIGNATURE_LENGTH)) {
                return new Loading.Rejected("the signature does not match: the bundle was altered or signed by another key");
            }
        } catch (GeneralSecurityException e) {
            return new Loading.Rejected("the signature cannot be checked: " + e.getMessage());
        }
        try {
            Bundle bundle = parse(Arrays.copyOf(bytes, signed));
            return new Loading.Loaded(bundle, bundle.staleAt(clock.instant()));
        } catch (IOException | RuntimeException e) {
            return new Loading.Rejected("malformed bundle: " + e.getMessage());
        }
    }

    private static Bundle parse(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        Map<String, String> header = new LinkedHashMap<>();
        String first = line(in);
        if (!MAGIC.equals(first)) {
            throw new IOException("not a Custodia PII bundle, or an unknown format version");
        }
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new IOException("bad header line");
            }
            header.put(line.substring(0, colon), line.substring(colon + 2));
        }
        for (String required : new String[] {"bundle-version", "created", "valid-until", "key-id", "normalization-version",
            "fold-diacritics", "hash", "first-word-hash", "hash-key", "replacement", "entries", "first-words", "max-words",
            "max-chars"}) {
            if (!header.containsKey(required)) {
                throw new IOException("header lacks " + required);
            }
        }
        if (!header.get("hash").equals("siphash-2-4")) {
            throw new IOException("unknown hash " + header.get("hash"));
        }
        if (FirstWordHash.named(header.get("first-word-hash")) == null) {
            throw new IOException("unknown first-word hash " + header.get("first-word-hash"));
        }
        if (Integer.parseInt(header.get("normalization-version")) != IdentifierNormalizer.VERSION) {
            throw new IOException("normalization version " + header.get("normalization-version") + " is not "
                    + IdentifierNormalizer.VERSION);
        }
        try {
            Instant.parse(header.get("valid-until"));
            Instant.parse(header.get("created"));
        } catch (DateTimeParseException e) {
            throw new IOException("bad date in header");
        }
        int entries = Integer.parseInt(header.get("entries"));
        int firstWordCount = Integer.parseInt(header.get("first-words"));
        int maxWords = Integer.parseInt(header.get("max-words"));
        int maxChars = Integer.parseInt(header.get("max-chars"));
        if (entries < 0 || firstWordCount < 0 || maxWords < 1 || maxWords > 255 || maxChars < 1 || maxChars > 4096) {
            throw new IOException("counts or limits out of range");
        }
        if (in.available() != (long) entries * ENTRY_LENGTH + (long) firstWordCount * 8) {
            throw new IOException("entry section has the wrong length");
        }
        long[] hashes = new long[entries];
        byte[] kinds = new byte[entries];
        for (int i = 0; i < entries; i++) {
            hashes[i] = in.readLong();
            kinds[i] = in.readByte();
            int words = in.readUnsignedByte();
            if (i > 0 && hashes[i] <= hashes[i - 1]) {
                throw new IOException("entries are not in strictly ascending order");
            }
            if (kinds[i] < 0 || kinds[i] >= IdentifierKind.values().length || kinds[i] == IdentifierKind.ADDRESS.ordinal()) {
                throw new IOException("unknown entry kind");
            }
            boolean single = kinds[i] == IdentifierKind.EMAIL.ordinal() || kinds[i] == IdentifierKind.PHONE.ordinal();
            if (words < 1 || words > (single ? 1 : maxWords)) {
                throw new IOException("an entry's word count is out of range");
            }
        }
        long[] firstWords = new long[firstWordCount];
        for (int i = 0; i < firstWordCount; i++) {
            firstWords[i] = in.readLong();
            if (i > 0 && firstWords[i] <= firstWords[i - 1]) {
                throw new IOException("first words are not in strictly ascending order");
            }
        }
        return new Bundle(header, hashes, kinds, firstWords);
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder bytes = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || bytes.length() >= MAX_LINE) {
                throw new IOException("header is not terminated");
            }
            bytes.append((char) b);
        }
        return new String(bytes.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static long[] parseKey(String hex) {
        byte[] key = HexFormat.of().parseHex(hex);
        if (key.length != 16) {
            throw new IllegalArgumentException("hash-key must be 16 bytes");
        }
        return new long[] {littleEndian(key, 0), littleEndian(key, 8)};
    }

    private static long littleEndian(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    public boolean staleAt(Instant now) {
        return !now.isBefore(validUntil);
    }

    /** The header: versions, dates, key id, counts. Nothing in it is personal. */
    public Map<String, String> header() {
        return header;
    }

    public int size() {
        return hashes.length;
    }

    /** How many entries of each kind; what {@code bundle inspect} prints. */
    public Map<IdentifierKind, Integer> counts() {
        Map<IdentifierKind, Integer> counts = new LinkedHashMap<>();
        for (byte kind : kinds) {
            counts.merge(KINDS[kind], 1, Integer::sum);
        }
        return counts;
    }

    int maxWords() {
        return maxWords;
    }

    /** The longest normalized NAME or OTHER entry, in chars. */
    int maxChars() {
        return maxChars;
    }

    SipHash hash() {
        return hash;
    }

    long firstWordKey() {
        return firstWordKey;
    }

    FirstWordHash firstWordHash() {
        return firstWordHash;
    }

    /**
     * The first-word hash: cheap enough to compute for every word of every text, keyed so bundles differ. Specified in
     * docs/pii-filter-bundle.md: {@link FirstWordHash} over the UTF-16 code units of the normalized word, then the
     * finalizer of SplitMix64.
     */
    static long firstWordHash(FirstWordHash hash, long key, CharSequence word, int from, int to, boolean lowerAscii) {
        return finish(hash.raw(key, word, from, to, lowerAscii));
    }

    static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** The inverse of {@link #finish}: each xor-shift and each multiply by an odd constant can be undone. */
    static long unfinish(long h) {
        h = h ^ h >>> 31 ^ h >>> 62;
        h *= FINISH_SECOND_INVERSE;
        h = h ^ h >>> 27 ^ h >>> 54;
        h *= FINISH_FIRST_INVERSE;
        return h ^ h >>> 30 ^ h >>> 60;
    }

    private static final long FINISH_FIRST_INVERSE = inverse(0xBF58476D1CE4E5B9L);
    private static final long FINISH_SECOND_INVERSE = inverse(0x94D049BB133111EBL);

    /** The inverse of an odd number modulo 2^64, by Newton's iteration: each step doubles the bits that are right. */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** The first-word filter's bit for this hash before its finalizer, 1 or 0: read without a branch by {@link PlainRuns}. */
    long filterBit(long rawFirstWordHash) {
        int bit = (int) (rawFirstWordHash >>> firstWordShift);
        return firstWordBits[bit >>> 6] >>> bit & 1;
    }

    /** Whether some entry may start with the word of this hash, given before its finalizer: mostly one memory access. */
    boolean mightStart(long rawFirstWordHash) {
        int bit = (int) (rawFirstWordHash >>> firstWordShift);
        return (firstWordBits[bit >>> 6] & 1L << bit) != 0 && Arrays.binarySearch(firstWords, finish(rawFirstWordHash)) >= 0;
    }

    /** The kind of the entry with this hash, or null. */
    IdentifierKind lookup(long entryHash) {
        int b = bucket(entryHash);
        // A bucket holds about 16 hashes, two or three cache lines: read one after another they miss together, where
        // a binary search would wait on each miss before choosing the next line.
        for (int at = bucketStarts[b], to = bucketStarts[b + 1]; at < to; at++) {
            if (hashes[at] == entryHash) {
                return KINDS[kinds[at]];
            }
        }
        return null;
    }

    /** The top bits with the sign flipped, so that buckets follow the signed order the entries are sorted in. */
    private int bucket(long h) {
        return (int) ((h ^ Long.MIN_VALUE) >>> bucketShift);
    }

    /** Whether a canonical e-mail or phone number (as the detectors produce it) is in the bundle. */
    public boolean contains(IdentifierKind kind, String canonical) {
        IdentifierKind found = lookup(hash.hash(canonical));
        return found == kind;
    }
}
