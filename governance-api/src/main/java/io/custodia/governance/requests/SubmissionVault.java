package io.custodia.governance.requests;

import io.custodia.governance.protection.FieldCipher;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Seals a submission, requester included, into the one ciphertext column, bound to its request id. */
@Component
class SubmissionVault {

    private final FieldCipher cipher;
    private final JsonMapper json;

    SubmissionVault(FieldCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    byte[] seal(UUID id, Submission submission) {
        return cipher.seal(json.writerFor(Submission.class).writeValueAsString(submission), context(id));
    }

    Submission open(RemovalRequest request) {
        return json.readValue(cipher.open(request.payload(), context(request.id())), Submission.class);
    }

    private static String context(UUID id) {
        return "removal_request.payload:" + id;
    }
}
