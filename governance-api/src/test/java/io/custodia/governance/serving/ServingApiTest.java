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
        Map<String, Object> chat = new java.util.HashMap<>(Map.of("model", "apertus-tiny",
                "messages", List.of(Map.of("role", "user", "content", "Grüezi! Wie ist das Wetter?")),
                "max_tokens", 12, "temperature", 0.8, "top_p", 0.9, "seed", seed, "stream", stream));
        if (stream) {
            chat.put("stream_options", Map.of("include_usage", true));
        }
        return chat;
    }

    private HttpResponse<String> post(String path, Object body, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token for an application that calls the model: the only role that may. */
    private String client() {
        return staff("MODEL_CLIENT");
    }

    @Test
    void listsTheModelToModelClientsOnly() {
        assertThat(call("GET", "/v1/models", null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/models", null, bearer(staff("REVIEWER"))).status()).isEqualTo(403);
        Answer models = call("GET", "/v1/models", null, bearer(client()));
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.json().path("data").path(0).path("id").asString()).isEqualTo("apertus-tiny");
    }

    @Test
    void aWholeCompletionNamesItsFilterAndCountsItsTokens() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat(false, 7), client());
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
        String whole = MAPPER.readTree(post("/v1/chat/completions", chat(false, 11), client()).body())
                .path("choices").path(0).path("message").path("content").asString();
        HttpResponse<String> response = post("/v1/chat/completions", chat(true, 11), client());
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
        Answer empty = call("POST", "/v1/chat/completions", Map.of("messages", List.of()), bearer(client()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        Answer hot = call("POST", "/v1/chat/completions", Map.of("messages", List.of(Map.of("role", "user", "content", "hi")),
                "temperature", 5, "max_tokens", 0), bearer(client()));
        assertThat(hot.status()).isEqualTo(400);
        assertThat(hot.text()).contains("max_tokens").contains("temperature");
        Answer role = call("POST", "/v1/chat/completions", Map.of("messages", List.of(Map.of("role", "wizard", "content", "hi"))),
                bearer(client()));
        assertThat(role.status()).isEqualTo(400);

        clock.advance(Duration.ofDays(200));
        try {
            Answer stale = call("POST", "/v1/chat/completions", chat(false, 1), bearer(client()));
            assertThat(stale.status()).isEqualTo(503);
            assertThat(stale.text()).contains("stale-filter");
        } finally {
            clock.advance(Duration.ofDays(-200));
        }
    }

    private static List<JsonNode> events(String body) throws Exception {
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<JsonNode> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            if (!event.equals("data: [DONE]")) {
                events.add(MAPPER.readTree(event.substring(6)));
            }
        }
        return events;
    }

    @Test
    void aTextCompletionHasTheLegacyShapeWholeAndStreamed() throws Exception {
        Map<String, Object> request = Map.of("model", "apertus-tiny", "prompt", "Once upon a time", "max_tokens", 10, "seed", 5);
        HttpResponse<String> whole = post("/v1/completions", request, client());
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(whole.headers().firstValue("X-Custodia-Filter-Version")).isPresent();
        JsonNode body = MAPPER.readTree(whole.body());
        assertThat(body.path("object").asString()).isEqualTo("text_completion");
        assertThat(body.path("id").asString()).startsWith("cmpl-");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("text").isString()).isTrue();
        assertThat(choice.has("logprobs")).isTrue();
        assertThat(choice.path("finish_reason").asString()).isIn("stop", "length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isBetween(1, 10);

        Map<String, Object> streamed = new java.util.HashMap<>(request);
        streamed.put("stream", true);
        List<JsonNode> events = events(post("/v1/completions", streamed, client()).body());
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            assertThat(event.path("object").asString()).isEqualTo("text_completion");
            assertThat(event.path("choices").path(0).has("delta")).isFalse();
            text.append(event.path("choices").path(0).path("text").asString());
        }
        assertThat(events.getLast().path("choices").path(0).path("finish_reason").asString()).isIn("stop", "length");
        assertThat(text.toString()).isEqualTo(choice.path("text").asString());
    }

    @Test
    void aPromptOfTokenIdsGetsOneBosAndBadPromptsAreProblems() throws Exception {
        JsonNode ids = MAPPER.readTree(post("/v1/completions", Map.of("prompt", List.of(1, 100, 101), "max_tokens", 1), client()).body());
        assertThat(ids.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        JsonNode noBos = MAPPER.readTree(post("/v1/completions", Map.of("prompt", List.of(List.of(100, 101)), "max_tokens", 1), client()).body());
        assertThat(noBos.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        for (Object prompt : List.of(List.of(1, 100_000), List.of("a", "b"), "", List.of(), 7, List.of(1.5), "word ".repeat(150_000))) {
            HttpResponse<String> bad = post("/v1/completions", Map.of("prompt", prompt), client());
            assertThat(bad.statusCode()).as(String.valueOf(prompt)).isEqualTo(400);
            assertThat(bad.body()).contains("prompt");
        }
    }

    @Test
    void optionsThatCannotBeHonouredAreRefusedNotIgnored() throws Exception {
        List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "hi"));
        for (Map.Entry<String, Object> option : Map.<String, Object>of("n", 2, "logprobs", true, "tools",
                List.of(Map.of("type", "function", "function", Map.of("name", "f"))), "response_format", Map.of("type", "json_object"),
                "stop", List.of("a", 5), "logit_bias", Map.of("50", 10), "presence_penalty", 0.5,
                "stream_options", Map.of("include_usage", true)).entrySet()) {
            HttpResponse<String> refused = post("/v1/chat/completions", Map.of("messages", messages, option.getKey(), option.getValue()), client());
            assertThat(refused.statusCode()).as(option.getKey()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        }
        assertThat(post("/v1/completions", Map.of("prompt", "x", "echo", true), client()).statusCode()).isEqualTo(400);
        assertThat(post("/v1/completions", Map.of("prompt", List.of(new java.math.BigInteger("99999999999999999999999"))), client())
                .statusCode()).isEqualTo(400);
        assertThat(post("/v1/completions", Map.of("prompt", "x", "top_p", 0, "max_tokens", 2), client()).statusCode()).isEqualTo(200);
        HttpResponse<String> other = post("/v1/chat/completions", Map.of("model", "gpt-4o", "messages", messages), client());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("apertus-tiny");
    }

    @Test
    void contentMayBeTextPartsAndASystemMessageMayOnlyOpen() throws Exception {
        HttpResponse<String> parts = post("/v1/chat/completions", Map.of("max_tokens", 2, "messages", List.of(Map.of("role", "user",
                "content", List.of(Map.of("type", "text", "text", "Hello "), Map.of("type", "text", "text", "there"))))), client());
        assertThat(parts.statusCode()).as(parts.body()).isEqualTo(200);
        HttpResponse<String> image = post("/v1/chat/completions", Map.of("messages", List.of(Map.of("role", "user",
                "content", List.of(Map.of("type", "image_url", "image_url", Map.of("url", "data:,x")))))), client());
        assertThat(image.statusCode()).isEqualTo(400);
        HttpResponse<String> late = post("/v1/chat/completions", Map.of("messages", List.of(Map.of("role", "user", "content", "hi"),
                Map.of("role", "system", "content", "obey"))), client());
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("system");
    }

    @Test
    void aClientThatHangsUpMidStreamCancelsItsCompletion() throws Exception {
        Map<String, Object> request = longCompletion();
        double before = cancelled();
        Map<String, Object> streamed = new java.util.HashMap<>(request);
        streamed.put("stream", true);
        byte[] json = MAPPER.writeValueAsBytes(streamed);
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            var out = socket.getOutputStream();
            out.write(("POST /v1/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + client()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                // headers, then the first event
            }
            assertThat(line).as(request + " streams").startsWith("data: ");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cancelled() > before);
    }

    private static Map<String, Object> longCompletion;

    /** A completion whose seed makes it run to max_tokens: only a hang-up or a full queue can end it early. */
    private Map<String, Object> longCompletion() throws Exception {
        for (int s = 1; s < 200 && longCompletion == null; s++) {
            Map<String, Object> candidate = Map.of("prompt", "Tell me everything", "max_tokens", 1000, "seed", s, "temperature", 1.0);
            if (MAPPER.readTree(post("/v1/completions", candidate, client()).body()).path("choices").path(0).path("finish_reason")
                    .asString().equals("length")) {
                longCompletion = candidate;
            }
        }
        assertThat(longCompletion).as("some seed runs to max_tokens").isNotNull();
        return longCompletion;
    }

    @Test
    void moreRequestsThanWorkersAndQueueGet429AndTheRestAreServed() throws Exception {
        byte[] body = MAPPER.writeValueAsBytes(longCompletion());
        HttpClient http = HttpClient.newHttpClient();
        // One worker and eight places in the queue by default: twenty at once cannot all be taken.
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/completions"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json").header("Authorization", "Bearer " + client())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var response : sent) {
            HttpResponse<String> answer = response.get();
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
                assertThat(answer.body()).contains("busy");
            }
        }
        assertThat(statuses).containsOnly(200, 429).contains(429).contains(200);
    }

    private double cancelled() {
        Answer metric = call("GET", "/actuator/metrics/custodia.serving.completions?tag=finish:cancelled", null, bearer(ADMIN_TOKEN));
        return metric.status() == 404 ? 0 : metric.json().path("measurements").path(0).path("value").asDouble();
    }
}
