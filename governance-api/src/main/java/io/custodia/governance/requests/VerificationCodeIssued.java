package io.custodia.governance.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmation code was issued and must reach the requester; held in memory only, never stored. The address is
 * never logged; without SMTP the code and link are, so Custodia can be tried locally.
 */
public record VerificationCodeIssued(UUID requestId, String email, String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "VerificationCodeIssued[requestId=" + requestId + "]";
    }
}
