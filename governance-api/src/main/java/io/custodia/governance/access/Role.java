package io.custodia.governance.access;

/** Staff roles; each sees only its own endpoints, so an auditor token can never change a request. */
public enum Role {
    REVIEWER,
    AUDITOR,
    ADMIN
}
