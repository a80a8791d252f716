package io.custodia.pii;

import java.nio.CharBuffer;
import java.util.Arrays;

/**
 * Redacts text that arrives in chunks (model output tokens) and returns, for each chunk, the text that is now safe
 * to send. It holds back at most the scanner's window plus a few chars of context, and the concatenation of
 * everything it returns equals {@link PiiFilter#redact} on the whole text: no value is ever sent, even when it is split
 * across chunks. Not thread-safe; one per stream.
 */
public final class StreamingRedactor {

    private final PiiScanner scanner;
    private final RedactionPolicy policy;
    private final Report.Builder report = new Report.Builder();
    /** The chars held, in {@code buffer[0, length)}: an array because the scanner reads arrays fastest. */
    private char[] buffer = new char[256];
    /** The same chars as detectors read them ({@link CompatibilityForms}); output is copied from {@link #buffer}. */
    private char[] view = new char[256];
    private int length;
    /** Offset in the whole stream of buffer[0]. */
    private long base;
    /** Next start position to decide, relative to the buffer. */
    private int position;
    /** Everything before this (relative) index has been returned. */
    private int emitted;
    private boolean finished;

    StreamingRedactor(PiiScanner scanner, RedactionPolicy policy) {
        this.scanner = scanner;
        this.policy = policy;
    }

    /** Takes the next chunk and returns the text that can be sent now (possibly empty). */
    public String accept(CharSequence chunk) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        int n = chunk.length();
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + n));
            view = Arrays.copyOf(view, buffer.length);
        }
        if (chunk instanceof String string) {
            string.getChars(0, n, buffer, length);
        } else {
            for (int i = 0; i < n; i++) {
                buffer[length + i] = chunk.charAt(i);
            }
        }
        for (int i = length; i < length + n; i++) {
            view[i] = CompatibilityForms.fold(buffer[i]);
        }
        length += n;
        return advance(false);
    }

    /** The end of the stream: returns whatever was held back, redacted. */
    public String finish() {
        if (finished) {
            return "";
        }
        finished = true;
        return advance(true);
    }

    /** What was found so far, with offsets in the whole stream. */
    public Report report() {
        return report.build();
    }

    /** Chars received but not yet returned. */
    public int heldBack() {
        return length - emitted;
    }

    private String advance(boolean atEnd) {
        int end = length;
        int limit = atEnd ? end : end - scanner.window();
        StringBuilder out = new StringBuilder(Math.max(0, limit - emitted) + 16);
        if (limit > position) {
            position = scanner.scan(view, CharBuffer.wrap(view, 0, length), position, limit, end, span -> {
                out.append(buffer, emitted, span.start() - emitted).append(policy.replacement(span));
                emitted = span.end();
                report.add(span, base);
            });
        }
        int decided = atEnd ? end : Math.max(emitted, Math.min(position, end));
        if (decided > emitted) {
            out.append(buffer, emitted, decided - emitted);
            emitted = decided;
        }
        compact();
        return out.toString();
    }

    /** Drops what was returned, keeping the few chars that decisions may still look back at. */
    private void compact() {
        int keep = scanner.lookBehind() + 1;
        int drop = Math.min(emitted, position) - keep;
        if (drop > 4096 || (drop > 0 && drop > length / 2)) {
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            System.arraycopy(view, drop, view, 0, length - drop);
            length -= drop;
            base += drop;
            position -= drop;
            emitted -= drop;
        }
    }
}
