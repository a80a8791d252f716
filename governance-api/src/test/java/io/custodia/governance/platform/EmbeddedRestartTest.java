package io.custodia.governance.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodia.governance.CustodiaApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded defaults: everything lives in the data directory, so a stopped and restarted service still has its
 * requests; and with no SMTP server the confirmation is logged with its link, without the address.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsRequestsTokensAndTheAuditChain(CapturedOutput output) throws Exception {
        String id;
        String tracking;
        String head;
        try (ConfigurableApplicationContext first = start()) {
            int port = port(first);
            HttpResponse<String> filed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/requests"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"kind":"OPT_OUT","requester":{"name":"Owner","email":"owner@example.org"},
                             "scope":"DOMAIN","target":"restart.example.org"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(filed.statusCode()).isEqualTo(201);
            JsonNode body = JSON.readTree(filed.body());
            id = body.path("id").asString();
            tracking = body.path("trackingToken").asString();
            String logged = "No SMTP server configured; confirmation for request " + id + ": code ";
            await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains(logged));
            String line = output.getAll().lines().filter(l -> l.contains(logged)).findFirst().orElseThrow();
            assertThat(line).matches(".*code \\d{6}, link http://localhost:8080/\\?request=" + id + "&code=\\d{6}");
            assertThat(output.getAll()).doesNotContain("owner@example.org");
            head = get(port, "/api/v1/audit/verification", auditorToken(port)).path("head").asString();
        }
        try (ConfigurableApplicationContext second = start()) {
            int port = port(second);
            JsonNode view = get(port, "/api/v1/requests/" + id, "X-Tracking-Token", tracking);
            String auditor = auditorToken(port);
            assertThat(view.path("status").asString()).isEqualTo("SUBMITTED");
            assertThat(view.path("kind").asString()).isEqualTo("OPT_OUT");
            assertThat(get(port, "/api/v1/audit/verification", auditor).path("valid").asBoolean()).isTrue();
            assertThat(get(port, "/api/v1/audit/events?size=10000", auditor).path("events").valueStream()
                    .map(e -> e.path("hash").asString())).contains(head);

            second.getBean(EmbeddedPostgres.class).close();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health without its database").isEqualTo(503);
            assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("DOWN");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("keys/master.key")).exists();
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(CustodiaApplication.class,
                "--server.port=0",
                "--custodia.data-dir=" + dataDir,
                "--custodia.admin-token=restart-admin",
                "--spring.main.banner-mode=off");
    }

    private JsonNode get(int port, String path, String auditorToken) throws Exception {
        return get(port, path, "Authorization", "Bearer " + auditorToken);
    }

    private JsonNode get(int port, String path, String header, String value) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String auditorToken(int port) throws Exception {
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/admin/tokens"))
                .header("Authorization", "Bearer restart-admin")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"AUDITOR\",\"name\":\"restart\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(201);
        return JSON.readTree(issued.body()).path("token").asString();
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
