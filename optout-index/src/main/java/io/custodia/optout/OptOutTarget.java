package io.custodia.optout;

/**
 * An opt-out target in canonical form: a lower-case ASCII (punycode) host for {@link Scope#DOMAIN}, a normalized
 * absolute http(s) URL otherwise; {@code host} is the host whose owner may file it.
 */
public record OptOutTarget(Scope scope, String value, String host) {

    /** The key under which two opt-outs for the same target are the same opt-out. */
    public String subjectKey() {
        return scope + ":" + value;
    }
}
