package io.custodia.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.governance.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class AuditChainTest extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path exports;

    @Test
    void theChainIsIntactAndItsHeadIsTheLastEntry() {
        fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Pat " + UUID.randomUUID()))));
        JsonNode verification = verification();
        assertThat(verification.path("valid").asBoolean()).isTrue();
        long length = verification.path("length").asLong();
        String head = jdbc.queryForObject("SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1", String.class);
        assertThat(length).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM audit_event", Long.class));
        assertThat(verification.path("head").asString()).isEqualTo(head);
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Quinn " + UUID.randomUUID()))));
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE seq = 1")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_event")).rootCause().hasMessageContaining("append-only");
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }

    @Test
    void anEditedPastRowIsDetectedAndNamedOnlineAndOffline() throws Exception {
        fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Rae " + UUID.randomUUID()))));
        Path intact = exports.resolve("intact.csv");
        Files.writeString(intact, call("GET", "/api/v1/audit/events?format=csv&size=10000", null, bearer(staff("AUDITOR"))).text());
        assertThat(runCli(intact.toString()).exitCode()).isZero();

        long victim = 2;
        String original = jdbc.queryForObject("SELECT details FROM audit_event WHERE seq = ?", String.class, victim);
        try {
            tamper(victim, "{\"kind\":\"COPYRIGHT\"}");
            JsonNode verification = verification();
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("firstInvalid").path("seq").asLong()).isEqualTo(victim);
            assertThat(verification.path("firstInvalid").path("reason").asString()).contains("altered");

            Path tampered = exports.resolve("tampered.json");
            Files.writeString(tampered, call("GET", "/api/v1/audit/events?size=10000", null, bearer(staff("AUDITOR"))).text());
            Cli result = runCli(tampered.toString());
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("BROKEN at entry " + victim);
        } finally {
            tamper(victim, original);
        }
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }

    @Test
    void theOfflineVerifierChecksPartialExportsAndTheExpectedHead() throws Exception {
        fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Sam " + UUID.randomUUID()))));
        Path page = exports.resolve("page1.csv");
        Files.writeString(page, call("GET", "/api/v1/audit/events?format=csv&page=1&size=3", null, bearer(staff("AUDITOR"))).text());
        assertThat(runCli(page.toString()).exitCode()).as("a page that does not start at 1 is not a whole chain").isEqualTo(1);
        Cli partial = runCli("--partial", page.toString());
        assertThat(partial.exitCode()).isZero();
        assertThat(partial.out()).contains("3 entries from 4");

        Path whole = exports.resolve("whole.csv");
        Files.writeString(whole, call("GET", "/api/v1/audit/events?format=csv&size=10000", null, bearer(staff("AUDITOR"))).text());
        String head = AuditExportFormat.fromCsv(Files.newBufferedReader(whole)).getLast().hash();
        assertThat(runCli("--expect-head", head, whole.toString()).exitCode()).isZero();
        assertThat(runCli("--expect-head", "ab".repeat(32), whole.toString()).exitCode()).isEqualTo(1);
        assertThat(runCli(exports.resolve("missing.csv").toString()).exitCode()).isEqualTo(1);
        assertThat(runCli().exitCode()).isEqualTo(2);
    }

    @Test
    void exportsAreThemselvesAudited() {
        long before = jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'AUDIT_EXPORTED'", Long.class);
        call("GET", "/api/v1/audit/events?size=1", null, bearer(staff("AUDITOR")));
        call("GET", "/api/v1/audit/requests?size=1", null, bearer(staff("AUDITOR")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'AUDIT_EXPORTED'", Long.class))
                .isEqualTo(before + 2);
    }

    /** What only a superuser can do: switch triggers off for the session, as an attacker with the database would. */
    private void tamper(long seq, String details) {
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            jdbc.update("UPDATE audit_event SET details = ? WHERE seq = ?", details, seq);
        });
    }

    private JsonNode verification() {
        Answer answer = call("GET", "/api/v1/audit/verification", null, bearer(staff("AUDITOR")));
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    record Cli(int exitCode, String out) {}

    private static Cli runCli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new AuditExportVerifier());
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        cli.setOut(writer);
        cli.setErr(writer);
        int code = cli.execute(args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8));
    }
}
