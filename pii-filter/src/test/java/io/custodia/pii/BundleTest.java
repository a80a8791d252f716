package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static KeyPair keys;
    // Published in docs/pii-filter-bundle.md so that other readers can check themselves.
    static final String SIPHASH_JANE_DOE = "ee430f9395113d4e";
    static final String FIRST_WORD_JANE = "770518e0a9f7ba71";
    static final String FIRST_WORD_MUSTER = "27641eff872876f7";
    /** The first format's first-word hash, which readers still accept. */
    static final String FIRST_WORD_JANE_PER_UNIT = "bf6542111b8ef482";
    private static byte[] bytes;

    @BeforeAll
    static void build() throws Exception {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        BundleBuilder builder = new BundleBuilder("CH", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        builder.add(IdentifierKind.NAME, "Jane Doe");
        builder.add(IdentifierKind.NAME, "Zoë Brontë-Smith");
        builder.add(IdentifierKind.NAME, "Li");
        builder.add(IdentifierKind.OTHER, "Passport X1234567");
        builder.add(IdentifierKind.ADDRESS, "Bahnhofstrasse 1, 8001 Zürich");
        builder.add(IdentifierKind.EMAIL, "Jane.Doe@Example.org");
        builder.add(IdentifierKind.PHONE, "044 668 18 00");
        assertThat(builder.add(IdentifierKind.NAME, " -- ")).isFalse();
        bytes = builder.build(new BundleBuilder.Release("2026.11.1", NOW, NOW.plus(Duration.ofDays(180)), "test-key"), keys.getPrivate());
    }

    private static Bundle loaded() {
        var loading = Bundle.load(bytes, keys.getPublic(), CLOCK);
        assertThat(loading).isInstanceOf(Bundle.Loading.Loaded.class);
        return ((Bundle.Loading.Loaded) loading).bundle();
    }

    @Test
    void aBundleHoldsNoPlaintextAndCountsItsEntries() {
        // The signature is left out: it is random bytes under a fresh key each run, and now and then spells "zo".
        String raw = new String(bytes, 0, bytes.length - Bundle.SIGNATURE_LENGTH, StandardCharsets.ISO_8859_1).toLowerCase();
        for (String secret : new String[] {"jane", "doe", "zo", "bront", "x1234567", "bahnhof", "example", "668"}) {
            assertThat(raw).doesNotContain(secret);
        }
        Bundle bundle = loaded();
        // The address has a second entry, Zuerich for Zürich, one char longer.
        assertThat(bundle.size()).isEqualTo(8);
        assertThat(bundle.counts()).isEqualTo(Map.of(IdentifierKind.NAME, 3, IdentifierKind.OTHER, 3,
                IdentifierKind.EMAIL, 1, IdentifierKind.PHONE, 1));
        assertThat(bundle.header()).containsEntry("key-id", "test-key").containsEntry("max-words", "4").containsEntry("max-chars", "29")
                .containsEntry("normalization-version", "1").containsEntry("valid-until", "2027-05-22T12:00:00Z");
    }

    @Test
    void everyChangedByteIsRejected() {
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            assertThat(Bundle.load(tampered, keys.getPublic(), CLOCK)).as("byte %d", i).isInstanceOf(Bundle.Loading.Rejected.class);
        }
    }

    @Test
    void signedButMalformedBundlesAreRejectedWithoutAllocatingTheirClaims() throws Exception {
        for (String counts : new String[] {"entries: 1600000000\nfirst-words: -2000000000\nmax-words: 2\nmax-chars: 8",
            "entries: 0\nfirst-words: 0\nmax-words: 0\nmax-chars: 8", "entries: 0\nfirst-words: 0\nmax-words: 300\nmax-chars: 8",
            "entries: 0\nfirst-words: 0\nmax-words: 2\nmax-chars: 999999"}) {
            String header = Bundle.MAGIC + "\nbundle-version: x\ncreated: 2026-11-23T00:00:00Z\nvalid-until: 2027-01-01T00:00:00Z\n"
                    + "key-id: k\nnormalization-version: 1\nfold-diacritics: true\nhash: siphash-2-4\nfirst-word-hash: mulxor-splitmix64\n"
                    + "hash-key: 000102030405060708090a0b0c0d0e0f\nreplacement: <name-pii>\n" + counts + "\n\n";
            byte[] body = header.getBytes(StandardCharsets.UTF_8);
            var signature = java.security.Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(body);
            byte[] signed = java.util.Arrays.copyOf(body, body.length + 64);
            System.arraycopy(signature.sign(), 0, signed, body.length, 64);
            assertThat(Bundle.load(signed, keys.getPublic(), CLOCK)).as(counts).isInstanceOf(Bundle.Loading.Rejected.class);
        }
    }

    @Test
    void theFormatsTestVectorsHold() {
        long[] key = Bundle.parseKey("000102030405060708090a0b0c0d0e0f");
        assertThat(Long.toHexString(new SipHash(key[0], key[1]).hash("jane doe"))).isEqualTo(SIPHASH_JANE_DOE);
        assertThat(Long.toHexString(Bundle.firstWordHash(FirstWordHash.MULXOR4, key[1], "jane", 0, 4, false))).isEqualTo(FIRST_WORD_JANE);
        assertThat(Long.toHexString(Bundle.firstWordHash(FirstWordHash.MULXOR4, key[1], "Muster", 0, 6, true)))
                .isEqualTo(FIRST_WORD_MUSTER);
        assertThat(Long.toHexString(Bundle.firstWordHash(FirstWordHash.MULXOR, key[1], "jane", 0, 4, false)))
                .isEqualTo(FIRST_WORD_JANE_PER_UNIT);
    }

    @ParameterizedTest
    @EnumSource(FirstWordHash.class)
    void everyEntryAndItsFirstWordAreFoundAndNothingElse(FirstWordHash firstWordHash) throws Exception {
        long seed = Seeds.seed("everyEntryAndItsFirstWordAreFoundAndNothingElse");
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 10_000; i++) {
            long h = random.nextLong();
            assertThat(Bundle.unfinish(Bundle.finish(h))).as("seed %d, h %x", seed, h).isEqualTo(h);
            assertThat(Bundle.finish(Bundle.unfinish(h))).as("seed %d, h %x", seed, h).isEqualTo(h);
        }
        // Every first word of a bundle gets through its filter, which the loader builds from the finished hashes.
        BundleBuilder builder = new BundleBuilder("CH", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), firstWordHash);
        java.util.List<String> firstWords = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String first = "w" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            firstWords.add(first);
            builder.add(IdentifierKind.NAME, first + " Muster");
        }
        byte[] many = builder.build(new BundleBuilder.Release("2026.12.1", NOW, NOW.plus(Duration.ofDays(1)), "test-key"), keys.getPrivate());
        Bundle bundle = ((Bundle.Loading.Loaded) Bundle.load(many, keys.getPublic(), CLOCK)).bundle();
        assertThat(bundle.firstWordHash()).isEqualTo(firstWordHash);
        assertThat(bundle.header()).containsEntry("first-word-hash", firstWordHash.header);
        int letThrough = 0;
        for (String first : firstWords) {
            assertThat(bundle.mightStart(bundle.firstWordHash().raw(bundle.firstWordKey(), first, 0, first.length(), false)))
                    .as("seed %d, %s", seed, first).isTrue();
            // And every entry is found in its bucket, wherever it falls there.
            assertThat(bundle.lookup(bundle.hash().hash(first + " muster"))).as("seed %d, %s", seed, first).isEqualTo(IdentifierKind.NAME);
            assertThat(bundle.lookup(bundle.hash().hash(first + " mustermann"))).as("seed %d, %s", seed, first).isNull();
        }
        for (int i = 0; i < 10_000; i++) {
            String other = "v" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            letThrough += bundle.mightStart(bundle.firstWordHash().raw(bundle.firstWordKey(), other, 0, other.length(), false)) ? 1 : 0;
        }
        assertThat(letThrough).as("seed %d: words that begin no entry", seed).isZero();
    }

    @Test
    void umlautsMatchAsWrittenWithoutDotsAndAsFolded() throws Exception {
        BundleBuilder builder = new BundleBuilder("CH", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        // Decomposed (u and a combining diaeresis), as some sources send it.
        builder.add(IdentifierKind.NAME, "Zoë Mu\u0308ller-Lüdenscheidt");
        builder.add(IdentifierKind.NAME, "Jörg Schäfer");
        byte[] built = builder.build(new BundleBuilder.Release("t", NOW, NOW.plus(Duration.ofDays(1)), "test-key"), keys.getPrivate());
        PiiFilter filter = PiiFilter.builder().bundle(((Bundle.Loading.Loaded) Bundle.load(built, keys.getPublic(), CLOCK)).bundle()).build();
        for (String text : new String[] {"Zoë Müller-Lüdenscheidt", "Zoe Mueller-Luedenscheidt", "zoe muller ludenscheidt",
            "ZOE MUELLER LUEDENSCHEIDT", "Jörg Schäfer", "Joerg Schaefer", "Jorg Schafer"}) {
            assertThat(((PiiFilter.Outcome.Redacted) filter.redact("by " + text + " today")).text()).as(text)
                    .isEqualTo("by <name-pii> today");
        }
        // Only the umlauts are spelled out; other letters with dots fold as before, and no one else is matched.
        assertThat(((PiiFilter.Outcome.Redacted) filter.redact("by Zoee Mueller-Luedenscheidt and Joerg Schaeffer")).text())
                .isEqualTo("by Zoee Mueller-Luedenscheidt and Joerg Schaeffer");
    }

    @Test
    void anotherSignersKeyIsRejected() throws Exception {
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(Bundle.load(bytes, other.getPublic(), CLOCK)).isInstanceOf(Bundle.Loading.Rejected.class);
        assertThat(Bundle.load(new byte[10], keys.getPublic(), CLOCK)).isInstanceOf(Bundle.Loading.Rejected.class);
    }

    @Test
    void aBundlePastValidUntilLoadsButIsReportedStale() {
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(181)), ZoneOffset.UTC);
        var loading = (Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), later);
        assertThat(loading.stale()).isTrue();
        assertThat(((Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), CLOCK)).stale()).isFalse();
    }

    @Test
    void spellingsOfOneNameMatchOneEntry() {
        PiiFilter filter = PiiFilter.builder().bundle(loaded()).build();
        for (String text : new String[] {"Jane  DOE", "jane doe", "Jane Doe's", "JANE\nDoe", "Ｊａｎｅ Ｄｏｅ", "Jane-Doe", "Jane Doe\u2019s", "Jane\u00a0Doe"}) {
            var outcome = (PiiFilter.Outcome.Redacted) filter.redact("I met " + text + " yesterday.");
            assertThat(outcome.text()).as(text).isEqualTo("I met <name-pii> yesterday.");
        }
        assertThat(((PiiFilter.Outcome.Redacted) filter.redact("zoe bronte smith wrote")).text()).isEqualTo("<name-pii> wrote");
        assertThat(((PiiFilter.Outcome.Redacted) filter.redact("passport x1234567 expired")).text()).isEqualTo("<id-pii> expired");
        assertThat(((PiiFilter.Outcome.Redacted) filter.redact("at Bahnhofstrasse 1, 8001 Zürich.")).text()).isEqualTo("at <id-pii>.");
    }

    @Test
    void partialNamesAndLongerWordsDoNotMatch() {
        PiiFilter filter = PiiFilter.builder().bundle(loaded()).build();
        for (String text : new String[] {"Jane", "Doe", "Janet Doe", "Jane Doerr", "Jane_Doe2", "Lit", "Li's"}) {
            var outcome = (PiiFilter.Outcome.Redacted) filter.redact(text + " here");
            if (text.equals("Li's")) {
                assertThat(outcome.text()).isEqualTo("<name-pii> here");
            } else {
                assertThat(outcome.text()).as(text).isEqualTo(text + " here");
            }
        }
    }

    @Test
    void canonicalEmailsAndPhonesAreLookedUp() {
        Bundle bundle = loaded();
        assertThat(bundle.contains(IdentifierKind.EMAIL, "jane.doe@example.org")).isTrue();
        assertThat(bundle.contains(IdentifierKind.PHONE, "+41446681800")).isTrue();
        assertThat(bundle.contains(IdentifierKind.EMAIL, "john@example.org")).isFalse();
    }

    @Test
    void streamingWithABundleEqualsBatch() {
        PiiFilter filter = PiiFilter.builder().bundle(loaded()).build();
        String text = "Dear Jane Doe's lawyer, Zoë Brontë-Smith (jane.doe@example.org) lives at Bahnhofstrasse 1, 8001 Zürich.";
        String batch = ((PiiFilter.Outcome.Redacted) filter.redact(text)).text();
        assertThat(batch).isEqualTo("Dear <name-pii> lawyer, <name-pii> (<email-pii>) lives at <id-pii>.");
        for (int cut = 1; cut < text.length(); cut++) {
            StreamingRedactor stream = filter.streaming();
            String sent = stream.accept(text.substring(0, cut)) + stream.accept(text.substring(cut)) + stream.finish();
            assertThat(sent).isEqualTo(batch);
        }
    }
}
