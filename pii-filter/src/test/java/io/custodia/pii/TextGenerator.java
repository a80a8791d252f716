package io.custodia.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random multilingual text with valid PII values and near misses planted in it, reproducible from a seed. */
final class TextGenerator {

    static final String[] WORDS = {"the", "data", "model", "und", "Straße", "über", "données", "città", "naïve", "東京",
        "データ", "🙂", "e\u0301", "ISBN", "Tel.", "IBAN", "call", "v2.1", "2024-01-15", "12:30", "#42", "C++",
        "x@y", "a.b", "(see", "note)", "(at)", "[dot]", "word [at] noon", "—", "\"quoted\"", "line\nbreak", "tab\tbed", "ﬁne", "Ｆｕｌｌ"};
    static final String[] PHONES = {"+41 44 668 18 00", "044 668 18 00", "+49 30 901820", "(201) 555-0123", "+33 1 23 45 67 89"};
    static final String[] SEPARATORS = {" ", " ", " ", "  ", "\n", ", ", ". ", "\t", " (", ") ", ": ", "\u00a0"};

    private final Random random;
    final List<String> planted = new ArrayList<>();

    TextGenerator(Random random) {
        this.random = random;
    }

    String document(int pieces) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int pick = random.nextInt(100);
            if (pick < 8) {
                // Never right after "version"-like words: there a dotted quad is a version string, by design.
                String value = value();
                planted.add(value);
                out.append(' ').append(value).append(' ');
            } else if (pick < 12) {
                out.append(nearMiss());
            } else {
                out.append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
        }
        return out.toString();
    }

    String value() {
        int kind = random.nextInt(6);
        String value = plainValue(kind);
        // Adversarial output: an invisible char slipped inside an e-mail, phone, IBAN or card must not let it through.
        if (kind <= 3 && random.nextInt(5) == 0) {
            int at = 1 + random.nextInt(value.length() - 2);
            if (Character.isLetterOrDigit(value.charAt(at - 1)) && Character.isLetterOrDigit(value.charAt(at))) {
                value = value.substring(0, at) + INVISIBLE[random.nextInt(INVISIBLE.length)] + value.substring(at);
            }
        }
        // Written with compatibility forms now and then, char by char: fullwidth, other scripts' digits, typeset hyphens.
        return random.nextInt(6) == 0 ? widened(value) : value;
    }

    private String widened(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            boolean change = random.nextInt(3) == 0;
            if (change && c >= '0' && c <= '9') {
                char[] zeros = {'\u0660', '\u0966', '\uFF10', '\u06F0'};
                out.append((char) (zeros[random.nextInt(zeros.length)] + (c - '0')));
            } else if (change && c == '-') {
                out.append(random.nextBoolean() ? '\u2011' : '\u2013');
            } else if (change && c == ' ') {
                out.append('\u3000');
            } else if (change && c > ' ' && c < 127) {
                out.append((char) (c + 0xFEE0));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static final String[] INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"};

    private String plainValue(int kind) {
        return switch (kind) {
            case 0 -> {
                String local = "user" + random.nextInt(1000);
                String domain = "example" + random.nextInt(9);
                // Spelled against harvesters now and then, spaced or not, in any of the brackets.
                yield switch (random.nextInt(4)) {
                    case 0 -> local + " [at] " + domain + " [dot] org";
                    case 1 -> local + "(AT)" + domain + ".org";
                    default -> local + "." + (char) ('a' + random.nextInt(26)) + "@" + domain + ".org";
                };
            }
            case 1 -> PHONES[random.nextInt(PHONES.length)];
            case 2 -> iban();
            case 3 -> card();
            case 4 -> (1 + random.nextInt(9)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            default -> ahv();
        };
    }

    private String nearMiss() {
        String value = switch (random.nextInt(4)) {
            case 0 -> card();
            case 1 -> iban();
            case 2 -> ahv();
            default -> digits(9 + random.nextInt(8));
        };
        // Change one digit: the checksum now fails (or, rarely, still holds, which the assertions do not depend on).
        char[] chars = value.toCharArray();
        int at = chars.length - 1;
        chars[at] = chars[at] == '9' ? '0' : (char) (chars[at] + 1);
        return new String(chars);
    }

    String iban() {
        String bban = digits(17);
        int check = 98 - IbanDetector.mod97("CH00" + bban);
        String iban = "CH" + (check < 10 ? "0" : "") + check + bban;
        return random.nextBoolean() ? iban : iban.replaceAll("(.{4})(?!$)", "$1 ");
    }

    String card() {
        String body = "4" + digits(14);
        for (int d = 0; d < 10; d++) {
            if (PaymentCardDetector.luhn(body + d)) {
                String card = body + d;
                return random.nextBoolean() ? card : card.replaceAll("(.{4})(?!$)", "$1 ");
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }

    String ahv() {
        String body = "756" + digits(9);
        for (int d = 0; d < 10; d++) {
            if (AhvDetector.ean13(body + d)) {
                String ahv = body + d;
                return random.nextBoolean() ? ahv
                        : ahv.substring(0, 3) + "." + ahv.substring(3, 7) + "." + ahv.substring(7, 11) + "." + ahv.substring(11);
            }
        }
        throw new IllegalStateException("no EAN-13 digit");
    }

    private String digits(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
