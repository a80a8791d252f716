package io.custodia.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Folds an identifier to the canonical form that removal requests, hash bundles and the filter all agree on,
 * so that "Jane  DOE", "jane doe" and "Jane Doe's" are one identifier.
 *
 * <p>The steps are versioned ({@link #VERSION}) because every keyed hash ever computed depends on them.
 */
public final class IdentifierNormalizer {

    /** Bumped whenever the output of {@link #normalize} changes for any input. */
    public static final int VERSION = 1;

    private static final Pattern POSSESSIVE = Pattern.compile("(?<=[\\p{L}\\p{N}])['’]s\\b");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{Mn}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String defaultRegion;
    private final boolean foldDiacritics;

    /**
     * @param defaultRegion ISO 3166 region used to read phone numbers written without a country code, e.g. "CH"
     * @param foldDiacritics whether "Zoë" and "Zoe" are the same name
     */
    public IdentifierNormalizer(String defaultRegion, boolean foldDiacritics) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion).toUpperCase(Locale.ROOT);
        this.foldDiacritics = foldDiacritics;
    }

    /** Returns the canonical form, or an empty string when nothing identifying is left. */
    public String normalize(IdentifierKind kind, String raw) {
        String nfkc = Normalizer.normalize(Objects.requireNonNull(raw), Normalizer.Form.NFKC).strip();
        return switch (kind) {
            case EMAIL -> email(nfkc);
            case PHONE -> phone(nfkc);
            case NAME, ADDRESS, OTHER -> words(nfkc);
        };
    }

    private static String email(String nfkc) {
        return WHITESPACE.matcher(nfkc).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private String phone(String nfkc) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            var number = util.parse(nfkc, defaultRegion);
            if (util.isValidNumber(number)) {
                return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException notAPhoneNumber) {
            // Falls through to digits only: the requester may know a number libphonenumber does not.
        }
        return nfkc.replaceAll("[^0-9+]", "");
    }

    private String words(String nfkc) {
        // Upper then lower case approximates Unicode full case folding (ß -> ss) without ICU.
        String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        folded = POSSESSIVE.matcher(folded).replaceAll("");
        if (foldDiacritics) {
            folded = COMBINING_MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
            folded = Normalizer.normalize(folded, Normalizer.Form.NFC);
        }
        return NOT_WORD.matcher(folded).replaceAll(" ").strip();
    }
}
