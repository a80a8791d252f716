package io.custodia.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI-compatible endpoints over real HTTP, serving the embedded tiny model through the PII filter. */
class ServingApiTest extends ApiTestSupport {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static Map<String, Object> chat(boolean stream, int seed) {
        return Map.of("model", "apertus-tiny", "messages", List.of(Map.of("role", "user", "content", "Grüezi! Wie ist das Wetter?")),
                "max_tokens", 12, "temperature", 0.8, "top_p", 0.9, "seed", seed, "stream", stream,
                "stream_options", Map.of("include_usage", true));
    }

    private HttpResponse<String> post(String path, Object body, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheModelToTokenHoldersOnly() {
        assertThat(call("GET", "/v1/models", null).status()).isEqualTo(401);
        Answer models = call("GET", "/v1/models", null, bearer(staff("REVIEWER")));
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.json().path("data").path(0).path("id").asString()).isEqualTo("apertus-tiny");
    }

    @Test
    void aWholeCompletionNamesItsFilterAndCountsItsTokens() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat(false, 7), staff("REVIEWER"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Custodia-Filter-Version")).get().asString().startsWith("node-");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").path(0).path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("choices").path(0).path("finish_reason").asString()).isIn("stop", "length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isBetween(1, 12);
        assertThat(body.path("usage").path("total_tokens").asInt())
                .isEqualTo(body.path("usage").path("prompt_tokens").asInt() + body.path("usage").path("completion_tokens").asInt());
    }

    @Test
    void aStreamIsServerSentEventsInOpenAisShapeWithTheSameTextAsTheWholeAnswer() throws Exception {
        String whole = MAPPER.readTree(post("/v1/chat/completions", chat(false, 11), staff("REVIEWER")).body())
                .path("choices").path(0).path("message").path("content").asString();
        HttpResponse<String> response = post("/v1/chat/completions", chat(true, 11), staff("REVIEWER"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        assertThat(response.headers().firstValue("X-Custodia-Filter-Version")).isPresent();
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        List<JsonNode> events = new ArrayList<>();
        for (String event : response.body().split("\n\n")) {
            assertThat(event).startsWith("data: ");
            if (!event.equals("data: [DONE]")) {
                events.add(MAPPER.readTree(event.substring(6)));
            }
        }
        assertThat(events.getFirst().path("choices").path(0).path("delta").path("role").asString()).isEqualTo("assistant");
        JsonNode last = events.get(events.size() - 2);
        assertThat(last.path("choices").path(0).path("finish_reason").asString()).isIn("stop", "length");
        JsonNode usage = events.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isPositive();
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.path("choices").path(0).path("delta").path("content").asString("")));
        assertThat(text.toString()).isEqualTo(whole);
    }

    @Test
    void badRequestsAre400ProblemsAndAStaleFilterStopsServing() throws Exception {
        Answer empty = call("POST", "/v1/chat/completions", Map.of("messages", List.of()), bearer(staff("REVIEWER")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        Answer hot = call("POST", "/v1/chat/completions", Map.of("messages", List.of(Map.of("role", "user", "content", "hi")),
                "temperature", 5, "max_tokens", 0), bearer(staff("REVIEWER")));
        assertThat(hot.status()).isEqualTo(400);
        assertThat(hot.text()).contains("max_tokens").contains("temperature");
        Answer role = call("POST", "/v1/chat/completions", Map.of("messages", List.of(Map.of("role", "wizard", "content", "hi"))),
                bearer(staff("REVIEWER")));
        assertThat(role.status()).isEqualTo(400);

        clock.advance(Duration.ofDays(200));
        try {
            Answer stale = call("POST", "/v1/chat/completions", chat(false, 1), bearer(staff("REVIEWER")));
            assertThat(stale.status()).isEqualTo(503);
            assertThat(stale.text()).contains("stale-filter");
        } finally {
            clock.advance(Duration.ofDays(-200));
        }
    }
}
