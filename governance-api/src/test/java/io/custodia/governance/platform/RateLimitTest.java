package io.custodia.governance.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The public endpoints are rate-limited per client; staff endpoints are not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "custodia.rate-limit-per-minute=5",
    "custodia.admin-token=rate-admin",
})
class RateLimitTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws java.io.IOException {
        Path dir = Files.createTempDirectory("custodia-rate-");
        registry.add("custodia.data-dir", dir::toString);
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSixthPublicCallInAMinuteIs429WithRetryAfter() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Percent-encoding the path does not make a different client, nor a different endpoint.
            String path = (i % 2 == 0 ? "/api/v1/requests/" : "/api/v1/%72equests/") + UUID.randomUUID();
            answers.add(send(path, "X-Tracking-Token", "t"));
        }
        answers.add(send("/api/v1/%72equests/" + UUID.randomUUID(), "X-Tracking-Token", "t"));
        assertThat(answers.subList(0, 5)).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(404));
        HttpResponse<String> limited = answers.get(5);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        for (int i = 0; i < 10; i++) {
            assertThat(send("/api/v1/admin/tokens", "Authorization", "Bearer rate-admin").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(String path, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
