package io.custodia.governance.requests;

/** What a request asks for: an opt-out by a site owner, removal of a data subject's PII, or of a rightsholder's work. */
public enum RequestKind {
    OPT_OUT,
    PII,
    COPYRIGHT
}
