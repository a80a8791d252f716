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

    /** The bundle whose first-word filter the scanner applies itself to plain words, while it finds their end. */
    Bundle bundle() {
        return bundle;
    }

    /** {@link LatinFold#singleCharFolds()} of this bundle's normalization. */
    char[] singleCharFolds() {
        return latin.singleCharFolds();
    }

    /** The folded form of a letter or digit as the normalizer gives it, or null where the normalizer must decide. */
    String fold(char c) {
        return latin.fold(c);
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

    /** Whether some entry begins with the word that starts here: one hash and, almost always, one memory access. */
    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        return wordEnd > start && wordEnd - start <= maxLength && bundle.mightStart(firstWordHash(text, start, wordEnd));
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
     * ASCII letters and digits fold by lower-casing and other Latin letters through the table, hashed in place in one
     * pass; anything else goes through the full normalizer, as the builder did. The hash before its finalizer.
     */
    private long firstWordHash(CharSequence text, int start, int end) {
        FirstWordHash.Units units = new FirstWordHash.Units(bundle.firstWordHash(), bundle.firstWordKey());
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                units.add(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                continue;
            }
            String fold = latin.fold(c);
            if (fold == null) {
                return slowFirstWordHash(text, start, end);
            }
            for (int k = 0; k < fold.length(); k++) {
                units.add(fold.charAt(k));
            }
        }
        return units.raw();
    }

    private long slowFirstWordHash(CharSequence text, int start, int end) {
        String normalized = normalizer.normalize(IdentifierKind.NAME, text.subSequence(start, end).toString());
        int space = normalized.indexOf(' ');
        String first = space < 0 ? normalized : normalized.substring(0, space);
        return bundle.firstWordHash().raw(bundle.firstWordKey(), first, 0, first.length(), false);
    }
}
