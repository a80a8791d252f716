package io.custodia.pii;

/**
 * Finds bundle entries (names, addresses, other identifiers) as word sequences: one hash per word start decides
 * whether any entry can begin there, and only then are the sequences of up to the bundle's longest entry normalized
 * and hashed. The cost stays linear in the text.
 */
final class BundleDetector implements Detector {

    private static final int CHARS_PER_WORD = 40;

    private final Bundle bundle;
    private final IdentifierNormalizer normalizer;
    private final int maxLength;

    BundleDetector(Bundle bundle) {
        this.bundle = bundle;
        this.normalizer = new IdentifierNormalizer("ZZ", Boolean.parseBoolean(bundle.header().get("fold-diacritics")));
        this.maxLength = Math.min(512, CHARS_PER_WORD * bundle.maxWords());
    }

    @Override
    public PiiType type() {
        return PiiType.NAME;
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
        if (!bundle.mightStart(bundle.hash().hash(firstWord(text, start, wordEnd)))) {
            return null;
        }
        Span best = null;
        int words = 0;
        int at = wordEnd;
        while (true) {
            String normalized = normalizer.normalize(IdentifierKind.NAME, text.subSequence(start, at).toString());
            IdentifierKind kind = normalized.isEmpty() ? null : bundle.lookup(bundle.hash().hash(normalized));
            if (kind != null && kind != IdentifierKind.EMAIL && kind != IdentifierKind.PHONE) {
                best = new Span(start, at, kind == IdentifierKind.NAME ? PiiType.NAME : PiiType.OTHER_IDENTIFIER, normalized);
            }
            if (++words >= bundle.maxWords() + 1) {
                return best;
            }
            // The next word: skip separators (not a line break twice), then word characters.
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

    /** ASCII letters and digits fold by lower-casing; anything else goes through the full normalizer, as the builder did. */
    private String firstWord(CharSequence text, int start, int end) {
        boolean ascii = true;
        for (int i = start; i < end && ascii; i++) {
            ascii = Chars.alnum(text.charAt(i));
        }
        if (ascii) {
            char[] word = new char[end - start];
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                word[i - start] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            }
            return new String(word);
        }
        String normalized = normalizer.normalize(IdentifierKind.NAME, text.subSequence(start, end).toString());
        int space = normalized.indexOf(' ');
        return space < 0 ? normalized : normalized.substring(0, space);
    }
}
