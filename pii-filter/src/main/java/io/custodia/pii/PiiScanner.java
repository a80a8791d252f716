package io.custodia.pii;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One left-to-right pass that tries every detector at each word start and takes the longest match. Each decision
 * reads a bounded window, so a prefix can be decided before the rest of the text exists: streaming and batch are the
 * same algorithm, and give the same output.
 */
final class PiiScanner {

    private final Detector[] detectors;
    /** For each ASCII char, the detectors whose values can start with it. */
    private final Detector[][] byFirstChar = new Detector[128][];
    /** The detectors other than the bundle's, which is applied in place, to ask about plain words and short numbers. */
    private final Detector[] atLetters;
    /** For each ASCII char, whether some detector in {@link #atLetters} may start at a plain word followed by it. */
    private final boolean[] lettersFollowedBy = new boolean[128];
    /**
     * ASCII chars between words that nothing can start at and nothing plain can be followed into (spaces, commas, …):
     * runs of plain words and these are skipped without going back to the general loop.
     */
    private final boolean[] quiet = new boolean[128];
    /**
     * {@link #lettersFollowedBy} knowing the char after too: [next][afterNext], where afterNext beyond ASCII counts by its
     * kind ({@link #afterKind}), and column {@link #BEYOND_ASCII} says whether any of those kinds may.
     */
    private final boolean[][] lettersFollowedByPair = new boolean[128][AFTER_KINDS];
    /** ASCII chars; any char beyond; then three kinds of those: letters and digits, invisible chars, anything else. */
    private static final int BEYOND_ASCII = 128;
    private static final int AFTER_KINDS = 132;
    private static final char[] KIND_SAMPLES = {'\u00e9', '\u200b', '\u2014'};
    /**
     * Bit {@code 128 * next + afterNext}: some detector other than the bundle's may start a value at a word of one to six
     * digits followed by those two ASCII chars ({@link Detector#mayStartAtNumber}).
     */
    private final long[] numberFollowedBy = new long[128 * 128 / 64];
    /** The longest run of digits that {@link Detector#mayStartAtNumber} is asked about. */
    static final int SHORT_NUMBER = 6;
    /** The bundle detector whose first-word filter is applied while finding where plain words end, or null. */
    private final BundleDetector firstWords;
    /** Its bundle, key and one-char folds, held here: the per-char loop should not chase them through the detector. */
    private final Bundle bundle;
    private final long firstWordKey;
    private final FirstWordHash firstWordHash;
    /** The first format's hash, a multiply per unit: the scanner's group always counts as full. */
    private final boolean perUnit;
    private final char[] singleFolds;
    private static final int UNDECIDED = -1;
    private static final int FIRST_WORD_RULED_OUT = -2;

    /** The detectors that name {@link Detector#requiredChars}, and those chars. */
    private final Detector[] gated;
    private final char[][] gatedChars;
    private final boolean vectors;

    private final int window;
    private final int lookBehind;
    /** Decides runs of short plain words a vector at a time, or null where the Vector API is not in the JVM. */
    private final PlainRuns plainRuns;

    PiiScanner(List<Detector> detectors) {
        this(detectors, VECTORS);
    }

    /** Whether the JVM was started with the Vector API ({@code --add-modules jdk.incubator.vector}). */
    static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    PiiScanner(List<Detector> detectors, boolean vectors) {
        this.detectors = detectors.toArray(Detector[]::new);
        this.gated = detectors.stream().filter(d -> !d.requiredChars().isEmpty()).toArray(Detector[]::new);
        this.gatedChars = new char[gated.length][];
        for (int g = 0; g < gated.length; g++) {
            gatedChars[g] = gated[g].requiredChars().toCharArray();
        }
        this.vectors = vectors;
        for (char c = 0; c < 128; c++) {
            char first = c;
            byFirstChar[c] = detectors.stream().filter(d -> d.canStartWith(first)).toArray(Detector[]::new);
        }
        this.firstWords = detectors.stream()
                .filter(BundleDetector.class::isInstance).map(BundleDetector.class::cast).findFirst().orElse(null);
        this.atLetters = detectors.stream().filter(d -> d != firstWords).toArray(Detector[]::new);
        this.bundle = firstWords == null ? null : firstWords.bundle();
        this.firstWordKey = bundle == null ? 0 : bundle.firstWordKey();
        this.firstWordHash = bundle == null ? null : bundle.firstWordHash();
        this.perUnit = firstWordHash == FirstWordHash.MULXOR;
        this.singleFolds = firstWords == null ? new char[0] : firstWords.singleCharFolds();
        for (char c = 0; c < 128; c++) {
            lettersFollowedBy[c] = mayStartAtLetters(c);
            // Skipped between words that are already decided, so only "nothing starts here" matters.
            quiet[c] = !Chars.alnum(c) && byFirstChar[c].length == 0;
            for (int kind = 0; kind < AFTER_KINDS; kind++) {
                if (kind != BEYOND_ASCII) {
                    char after = kind < 128 ? (char) kind : KIND_SAMPLES[kind - BEYOND_ASCII - 1];
                    lettersFollowedByPair[c][kind] = lettersFollowedBy[c] && mayStartAtLetters(c, after);
                    lettersFollowedByPair[c][BEYOND_ASCII] |= kind > BEYOND_ASCII && lettersFollowedByPair[c][kind];
                }
            }
        }
        Detector[] atNumbers = Arrays.stream(atLetters).filter(PiiScanner::startsWithSomeDigit).toArray(Detector[]::new);
        for (char next = 0; next < 128; next++) {
            for (char after = 0; after < 128; after++) {
                if (Chars.alnum(next) || mayStartAtNumber(atNumbers, next, after)) {
                    int bit = next << 7 | after;
                    numberFollowedBy[bit >>> 6] |= 1L << bit;
                }
            }
        }
        this.window = detectors.stream().mapToInt(Detector::maxLength).max().orElse(0) + 1;
        this.lookBehind = detectors.stream().mapToInt(Detector::lookBehind).max().orElse(1);
        this.plainRuns = vectors && window > PlainRuns.MAX_WORD + 1 && (bundle == null || firstWordHash == FirstWordHash.MULXOR4)
                ? new PlainRuns(quiet, lettersFollowedBy, lettersFollowedByPair, bundle, singleFolds) : null;
    }

    /** Chars after a start position that must be present before it can be decided, unless the text has ended. */
    int window() {
        return window;
    }

    /** Chars before the current position that decisions may look at. */
    int lookBehind() {
        return lookBehind;
    }

    /**
     * Decides every start position from {@code from} up to, not including, {@code limit} and reports the spans found;
     * returns the position where the next call continues (past the last span, or {@code limit}). {@code chars} and
     * {@code text} hold the same chars: the scanner's own loops read the array, which costs less per char than any
     * {@link CharSequence}, and detectors get the sequence.
     */
    int scan(char[] chars, CharSequence text, int from, int limit, int end, Consumer<Span> found) {
        int pos = from;
        // Per gated detector, the first position from the last search on holding one of its chars; none before end is
        // Integer.MAX_VALUE. Made when first needed.
        int[] nextRequired = null;
        while (pos < limit) {
            char c = chars[pos];
            boolean firstWordRuledOut = false;
            if (Chars.wordChar(c) && !Chars.digit(c) && (pos == 0 || !Chars.wordChar(chars[pos - 1]))) {
                if (plainRuns != null && plainRuns.mayStart(c)) {
                    pos = plainRuns.skip(chars, pos, limit, end);
                }
                int plainEnd = plainWordEnd(chars, pos, end);
                // The commonest text: plain words and quiet separators, one after another, decided here in one loop.
                while (plainEnd > 0) {
                    pos = plainEnd;
                    while (pos < limit && chars[pos] < 128 && quiet[chars[pos]]) {
                        pos++;
                    }
                    if (pos >= limit || !Chars.wordChar(chars[pos]) || Chars.digit(chars[pos]) || pos == plainEnd) {
                        break;
                    }
                    if (plainRuns != null && plainRuns.mayStart(chars[pos])) {
                        pos = plainRuns.skip(chars, pos, limit, end);
                    }
                    plainEnd = plainWordEnd(chars, pos, end);
                }
                if (plainEnd > 0) {
                    continue;
                }
                c = chars[pos];
                firstWordRuledOut = plainEnd == FIRST_WORD_RULED_OUT;
            }
            Detector[] candidates = c < 128 ? byFirstChar[c] : detectors;
            // Values never start inside a word.
            if (candidates.length == 0 || (pos > 0 && Chars.wordChar(chars[pos - 1]))) {
                pos++;
                continue;
            }
            // Where the word starting here ends, looked for no further than any detector may read.
            int cap = Math.min(end, pos + window);
            int wordEnd = pos;
            while (wordEnd < cap && Chars.wordChar(chars[wordEnd])) {
                wordEnd++;
            }
            // Years, counts and prices: a table decides from the two chars after the number, and no detector is asked.
            if (Chars.digit(c) && quietNumber(chars, pos, wordEnd, end)) {
                pos = Math.max(pos + 1, Math.min(wordEnd, limit));
                continue;
            }
            Span best = null;
            for (Detector detector : candidates) {
                if ((c >= 128 && !detector.canStartWith(c)) || (firstWordRuledOut && detector == firstWords)
                        || !detector.mayMatch(text, pos, wordEnd, end)) {
                    continue;
                }
                int g = gateOf(detector);
                if (g >= 0) {
                    if (nextRequired == null) {
                        nextRequired = new int[gated.length];
                        Arrays.fill(nextRequired, -1);
                    }
                    // Where the next of its chars is, found once for every start up to there.
                    if (nextRequired[g] < pos) {
                        nextRequired[g] = firstOf(chars, pos, end, gatedChars[g]);
                    }
                    if (nextRequired[g] - pos > detector.maxLength()) {
                        continue;
                    }
                }
                Span span = detector.match(text, pos, end);
                if (span != null && (best == null || span.end() > best.end())) {
                    best = span;
                }
            }
            if (best == null) {
                // Nothing starts here, nor anywhere inside the word this char begins: skip the word at once.
                pos = Math.max(pos + 1, Math.min(wordEnd, limit));
                if (Chars.wordChar(c)) {
                    while (pos < limit && Chars.wordChar(chars[pos])) {
                        pos++;
                    }
                }
            } else {
                found.accept(best);
                pos = best.end();
            }
        }
        return pos;
    }

    private int gateOf(Detector detector) {
        for (int g = 0; g < gated.length; g++) {
            if (gated[g] == detector) {
                return g;
            }
        }
        return -1;
    }

    /** The first position in {@code chars[from, end)} holding one of {@code wanted}, or Integer.MAX_VALUE. */
    private int firstOf(char[] chars, int from, int end, char[] wanted) {
        int at = vectors ? CharSearch.firstOf(chars, from, end, wanted) : firstOfOneByOne(chars, from, end, wanted);
        return at < end ? at : Integer.MAX_VALUE;
    }

    /** The first position in {@code chars[from, end)} holding one of {@code wanted}, or {@code end}; one char at a time. */
    static int firstOfOneByOne(char[] chars, int from, int end, char[] wanted) {
        for (int i = from; i < end; i++) {
            for (char w : wanted) {
                if (chars[i] == w) {
                    return i;
                }
            }
        }
        return end;
    }

    /**
     * Where the word of letters starting at {@code start} ends, when no value can start there; otherwise
     * {@link #FIRST_WORD_RULED_OUT} when the detectors must look but the bundle need not, or {@link #UNDECIDED}. A word
     * of ASCII letters is hashed for the bundle's first-word filter from its chars as they stand; other Latin letters are
     * folded first.
     */
    private int plainWordEnd(char[] chars, int start, int end) {
        int cap = Math.min(end, start + window);
        int i = start;
        // The first-word hash as the word is read: per unit, or per group of four units packed into a long.
        long h = firstWordKey;
        long group = 0;
        int shift = perUnit ? 64 : 0;
        for (; i < cap; i++) {
            char d = chars[i];
            char unit;
            if (d < 128) {
                if (!Chars.letter(d)) {
                    break;
                }
                unit = (char) (d | 0x20);
            } else if (d < singleFolds.length && singleFolds[d] != 0) {
                // Accented Latin letters that fold to one char (ü to u, é to e): the table, not a String per char.
                unit = singleFolds[d];
            } else if (Chars.wordChar(d)) {
                String fold = firstWords == null ? null : firstWords.fold(d);
                if (firstWords != null && fold == null || Character.isDigit(d)) {
                    return UNDECIDED;
                }
                if (fold == null) {
                    continue;
                }
                for (int k = 0; k < fold.length() - 1; k++) {
                    group |= (long) fold.charAt(k) << shift;
                    shift += 16;
                    if (shift >= 64) {
                        h = (h ^ group) * FirstWordHash.MULTIPLIER;
                        group = 0;
                        shift = perUnit ? 64 : 0;
                    }
                }
                unit = fold.charAt(fold.length() - 1);
            } else {
                break;
            }
            group |= (long) unit << shift;
            shift += 16;
            if (shift >= 64) {
                h = (h ^ group) * FirstWordHash.MULTIPLIER;
                group = 0;
                shift = perUnit ? 64 : 0;
            }
        }
        if (i == cap || Chars.digit(chars[i])) {
            return UNDECIDED;
        }
        if (bundle != null && bundle.mightStart(shift == 0 || perUnit ? h : (h ^ group) * FirstWordHash.MULTIPLIER)) {
            return UNDECIDED;
        }
        char next = chars[i];
        if (next >= 128) {
            return mayStartAtLetters(next) ? FIRST_WORD_RULED_OUT : i;
        }
        if (!lettersFollowedBy[next]) {
            return i;
        }
        // The char after next, where the text has it yet: a sentence's final dot and its space rule out an address.
        if (i + 1 >= end) {
            return FIRST_WORD_RULED_OUT;
        }
        char after = chars[i + 1];
        // One lookup settles most words, whatever follows them: the kind of a char beyond ASCII only where it matters.
        if (!lettersFollowedByPair[next][Math.min(after, BEYOND_ASCII)]) {
            return i;
        }
        return after >= 128 && !lettersFollowedByPair[next][afterKind(after)] ? i : FIRST_WORD_RULED_OUT;
    }

    /**
     * Whether the word {@code chars[start, wordEnd)}, which starts with a digit, is at most {@link #SHORT_NUMBER} digits
     * after which no detector may start a value, given the two chars that follow, and which begins no bundle entry.
     */
    private boolean quietNumber(char[] chars, int start, int wordEnd, int end) {
        if (wordEnd - start > SHORT_NUMBER || wordEnd + 1 >= end || chars[wordEnd] >= 128 || chars[wordEnd + 1] >= 128) {
            return false;
        }
        int bit = chars[wordEnd] << 7 | chars[wordEnd + 1];
        if ((numberFollowedBy[bit >>> 6] >>> bit & 1) != 0) {
            return false;
        }
        for (int i = start + 1; i < wordEnd; i++) {
            if (!Chars.digit(chars[i])) {
                return false;
            }
        }
        // The bundle's first-word filter, as its detector applies it: digits hash as they stand, eight chars read.
        return bundle == null || !perUnit && start + 8 <= chars.length
                && !bundle.mightStart(FirstWordHash.mulxor4Short(firstWordKey, chars, start, wordEnd - start));
    }

    /** The column of {@link #lettersFollowedByPair} for a char beyond ASCII: its kind, as the detectors see it. */
    private static int afterKind(char c) {
        return Chars.invisible(c) ? BEYOND_ASCII + 2 : Chars.wordChar(c) ? BEYOND_ASCII + 1 : BEYOND_ASCII + 3;
    }

    private boolean mayStartAtLetters(char next) {
        for (Detector detector : atLetters) {
            if (detector.mayStartAtLetters(next)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code atNumbers}, the digit-starting detectors other than the bundle's, may start at a number. */
    private static boolean mayStartAtNumber(Detector[] atNumbers, char next, char afterNext) {
        for (Detector detector : atNumbers) {
            if (detector.mayStartAtNumber(next, afterNext)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithSomeDigit(Detector detector) {
        for (char d = '0'; d <= '9'; d++) {
            if (detector.canStartWith(d)) {
                return true;
            }
        }
        return false;
    }

    private boolean mayStartAtLetters(char next, char afterNext) {
        for (Detector detector : atLetters) {
            if (detector.mayStartAtLetters(next, afterNext)) {
                return true;
            }
        }
        return false;
    }
}
