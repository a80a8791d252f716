package io.custodia.governance.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(OutputCaptureExtension.class)
class PersonalDataAtRestTest extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noColumnOrLogLineHoldsThePlaintext(CapturedOutput output) {
        String email = uniqueEmail();
        String name = "Tess Plaintext " + UUID.randomUUID();
        Filed filed = fileAndConfirm(pii(email, Map.of("names", List.of(name), "phones", List.of("+41 44 668 18 00"))));

        String row = jdbc.queryForList("SELECT * FROM removal_request WHERE id = ?", filed.id()).toString();
        byte[] payload = jdbc.queryForObject("SELECT payload FROM removal_request WHERE id = ?", byte[].class, filed.id());
        String payloadText = new String(payload, StandardCharsets.ISO_8859_1);
        String keys = jdbc.queryForList("SELECT key_hash FROM request_subject_key WHERE request_id = ?", byte[].class, filed.id())
                .stream().map(k -> new String(k, StandardCharsets.ISO_8859_1)).toList().toString();
        String audit = jdbc.queryForList("SELECT details FROM audit_event WHERE request_id = ?", String.class, filed.id()).toString();
        for (String stored : List.of(row, payloadText, keys, audit)) {
            assertThat(stored).doesNotContain(email).doesNotContain(name).doesNotContain("Tess Plaintext")
                    .doesNotContain("+41446681800").doesNotContain("668 18 00");
        }
        // GreenMail, standing in for the requester's mail server, logs the address it received mail for: proof that the
        // capture sees the log. The service's own lines must not hold it.
        assertThat(output.getAll()).contains(email);
        String serviceLog = output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(serviceLog).doesNotContain(email).doesNotContain(name);
    }
}
