package io.custodia.pii;

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
    private final int window;
    private final int lookBehind;

    PiiScanner(List<Detector> detectors) {
        this.detectors = detectors.toArray(Detector[]::new);
        for (char c = 0; c < 128; c++) {
            char first = c;
            byFirstChar[c] = detectors.stream().filter(d -> d.canStartWith(first)).toArray(Detector[]::new);
        }
        this.window = detectors.stream().mapToInt(Detector::maxLength).max().orElse(0) + 1;
        this.lookBehind = detectors.stream().mapToInt(Detector::lookBehind).max().orElse(1);
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
     * returns the position where the next call continues (past the last span, or {@code limit}).
     */
    int scan(CharSequence text, int from, int limit, int end, Consumer<Span> found) {
        int pos = from;
        while (pos < limit) {
            char c = text.charAt(pos);
            Detector[] candidates = c < 128 ? byFirstChar[c] : detectors;
            // Values never start inside a word.
            if (candidates.length == 0 || (pos > 0 && Chars.wordChar(text.charAt(pos - 1)))) {
                pos++;
                continue;
            }
            // Where the word starting here ends, looked for no further than any detector may read.
            int cap = Math.min(end, pos + window);
            int wordEnd = pos;
            while (wordEnd < cap && Chars.wordChar(text.charAt(wordEnd))) {
                wordEnd++;
            }
            Span best = null;
            for (Detector detector : candidates) {
                if ((c >= 128 && !detector.canStartWith(c)) || !detector.mayMatch(text, pos, wordEnd, end)) {
                    continue;
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
                    while (pos < limit && Chars.wordChar(text.charAt(pos))) {
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
}
