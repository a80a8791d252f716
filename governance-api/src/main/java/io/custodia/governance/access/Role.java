package io.custodia.governance.access;

/**
 * Token roles; each sees only its own endpoints, so an auditor token can never change a request and an application
 * that calls the model can never read the requests it was filtered by.
 */
public enum Role {
    REVIEWER,
    AUDITOR,
    ADMIN,
    /** An application that calls the OpenAI-compatible model endpoints (/v1/…) and nothing else. */
    MODEL_CLIENT
}
