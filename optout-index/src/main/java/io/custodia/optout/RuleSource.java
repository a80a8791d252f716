package io.custodia.optout;

/** Where an exclusion rule comes from, which an auditor needs to know why a document was removed. */
public enum RuleSource {
    /** An approved removal request; {@link Rule#ref()} is its id. */
    REQUEST,
    /** A robots.txt that reserves paths from AI user agents; {@link Rule#ref()} is the host. */
    ROBOTS_TXT,
    /** A TDMRep {@code /.well-known/tdmrep.json} with a reservation; {@link Rule#ref()} is the host. */
    TDMREP,
    /** Entered by staff; {@link Rule#ref()} says why. */
    MANUAL
}
