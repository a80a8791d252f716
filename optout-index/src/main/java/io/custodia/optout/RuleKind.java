package io.custodia.optout;

/** What an exclusion rule matches. */
public enum RuleKind {
    /** A host and every host beneath it; for a registrable domain, the whole site. */
    DOMAIN,
    /**
     * Every URL that starts with the prefix. Prefixes from robots.txt and TDMRep keep those formats' patterns ({@code *}
     * for any chars, a final {@code $} for the end); prefixes from requests are literal.
     */
    URL_PREFIX,
    /** Exactly one normalized URL. */
    URL,
    /** Any document that reproduces a verbatim passage of a protected work. */
    CONTENT
}
