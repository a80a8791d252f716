package io.custodia.optout;

/** How much of a site an opt-out covers. */
public enum Scope {
    /** A registrable domain and every host beneath it, or one exact host beneath a registrable domain. */
    DOMAIN,
    /** Every URL that starts with the normalized prefix. */
    URL_PREFIX,
    /** Exactly one normalized URL. */
    URL
}
