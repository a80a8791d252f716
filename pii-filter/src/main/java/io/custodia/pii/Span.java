package io.custodia.pii;

/**
 * A detected value: [start, end) in the text it was found in, its type, and its canonical form (E.164 for phones,
 * digits only for cards, upper case without spaces for IBANs). The canonical form is personal data: never log it.
 */
public record Span(int start, int end, PiiType type, String canonical) {

    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return "Span[" + start + ", " + end + ", " + type + "]";
    }
}
