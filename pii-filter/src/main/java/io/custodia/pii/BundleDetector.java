package io.custodia.pii;

/**
 * Finds bundle entries (names, addresses, other identifiers) as word sequences: one hash per word start decides
 * whether any entry can begin there, and only then are the sequences of up to the bundle's longest entry normalized
 * and hashed. The cost stays linear in the text.
 */
final class BundleDetector implements Detector {


    private final Bundle bundle;
    private final IdentifierNormalizer normalizer;
    private final LatinFold latin;
    private final int maxLength;

    BundleDetector(Bundle bundle) {
        this.bundle = bundle;
        this.normalizer = new IdentifierNormalizer("ZZ", Boolean.parseBoolean(bundle.header().get("fold-diacritics")));
        // Raw text may be longer than its normalized form (decomposed accents, wider separators): twice, plus separators.
        this.maxLength = Math.min(2 * 4096, 2 * bundle.maxChars() + 3 * bundle.maxWords());
        this.latin = new LatinFold(normalizer);
    }

    @Override
    public PiiType type() {
        return PiiType.NAME;
    }

    @Override
    public boolean canStartWith(char c) {
        return Chars.wordChar(c);
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public Span match(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + maxLength + 1);
        int wordEnd = start;
        while (wordEnd < bound && Chars.wordChar(text.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd == start || wordEnd == bound && bound < end) {
            return null;
        }
        if (!bundle.mightStart(firstWordHash(text, start, wordEnd))) {
            return null;
        }
        Span best = null;
        int words = 0;
        int at = wordEnd;
        while (true) {
            String fast = latin.normalize(text, start, at);
            String normalized = fast != null ? fast : normalizer.normalize(IdentifierKind.NAME, text.subSequence(start, at).toString());
            IdentifierKind kind = normalized.isEmpty() ? null : bundle.lookup(bundle.hash().hash(normalized));
            if (kind != null && kind != IdentifierKind.EMAIL && kind != IdentifierKind.PHONE) {
                best = new Span(start, at, kind == IdentifierKind.NAME ? PiiType.NAME : PiiType.OTHER_IDENTIFIER, normalized);
            }
            if (++words >= bundle.maxWords()) {
                return best;
            }
            // The next word: at most three separator chars, then word characters.
            int next = at;
            while (next < bound && !Chars.wordChar(text.charAt(next))) {
                next++;
            }
            int nextEnd = next;
            while (nextEnd < bound && Chars.wordChar(text.charAt(nextEnd))) {
                nextEnd++;
            }
            if (next == at || nextEnd == next || nextEnd == bound && bound < end || next - at > 3) {
                return best;
            }
            at = nextEnd;
        }
    }

    /**
     * ASCII letters and digits fold by lower-casing, hashed in place; anything else goes through the full normalizer,
     * as the builder did.
     */
    private long firstWordHash(CharSequence text, int start, int end) {
        boolean ascii = true;
        boolean table = true;
        for (int i = start; i < end && table; i++) {
            char c = text.charAt(i);
            ascii &= Chars.alnum(c);
            table = latin.fold(c) != null;
        }
        long key = bundle.firstWordKey();
        if (ascii) {
            return Bundle.firstWordHash(key, text, start, end, true);
        }
        if (table) {
            long h = key;
            for (int i = start; i < end; i++) {
                String fold = latin.fold(text.charAt(i));
                for (int k = 0; k < fold.length(); k++) {
                    h = (h ^ fold.charAt(k)) * 0x9E3779B97F4A7C15L;
                }
            }
            return Bundle.finish(h);
        }
        String normalized = normalizer.normalize(IdentifierKind.NAME, text.subSequence(start, end).toString());
        int space = normalized.indexOf(' ');
        String first = space < 0 ? normalized : normalized.substring(0, space);
        return Bundle.firstWordHash(key, first, 0, first.length(), false);
    }
}
