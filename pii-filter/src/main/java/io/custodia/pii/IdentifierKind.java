package io.custodia.pii;

/** The kinds of personal identifier a data subject can ask us to remove; each has its own canonical form. */
public enum IdentifierKind {
    NAME,
    EMAIL,
    PHONE,
    ADDRESS,
    OTHER
}
