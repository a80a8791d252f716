package io.custodia.pii;

/** What kind of personal data a span is; the marker is what typed redaction writes in its place. */
public enum PiiType {
    EMAIL("<email-pii>"),
    PHONE("<phone-pii>"),
    IBAN("<iban-pii>"),
    PAYMENT_CARD("<card-pii>"),
    IP_ADDRESS("<ip-pii>"),
    CH_AHV("<ahv-pii>"),
    NAME("<name-pii>"),
    OTHER_IDENTIFIER("<id-pii>");

    private final String marker;

    PiiType(String marker) {
        this.marker = marker;
    }

    /** Typed markers as the Apertus pretraining pipeline writes them, e.g. {@code <email-pii>}. */
    public String marker() {
        return marker;
    }
}
