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
    private final int window;
    private final int lookBehind;

    PiiScanner(List<Detector> detectors) {
        this.detectors = detectors.toArray(Detector[]::new);
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
            // Values start at a letter, a digit, '+', '(' or ':', and never inside a word.
            if (!(Chars.alnum(c) || c == '+' || c == '(' || c == ':' || (c >= 128 && Character.isLetter(c)))
                    || (pos > 0 && Chars.wordChar(text.charAt(pos - 1)))) {
                pos++;
                continue;
            }
            Span best = null;
            for (Detector detector : detectors) {
                Span span = detector.match(text, pos, end);
                if (span != null && (best == null || span.end() > best.end())) {
                    best = span;
                }
            }
            if (best == null) {
                pos++;
            } else {
                found.accept(best);
                pos = best.end();
            }
        }
        return pos;
    }
}
