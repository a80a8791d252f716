package io.custodia.governance.requests;

import java.util.List;
import java.util.UUID;

/**
 * The identifiers of one approved PII request, decrypted for a bundle build: personal data, to be held in memory only
 * for as long as the build runs.
 */
public record PiiSubject(UUID requestId, RequestStatus status, List<String> names, List<String> emails, List<String> phones,
        List<String> addresses, List<String> other) {

    @Override
    public String toString() {
        return "PiiSubject[requestId=" + requestId + ", status=" + status + "]";
    }
}
