package io.custodia.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.custodia.governance.serving.CompletionsController.Shape;
import io.custodia.inference.generation.Engine;
import io.custodia.inference.generation.Generator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wire format of answers, from what the engine releases: OpenAI's shapes, and errors once a stream has begun. */
class ReplyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Generator.Finished FINISHED = new Generator.Finished(Generator.FinishReason.LENGTH, 5, 2, "Hello");

    private static LinkedBlockingQueue<Object> released(Object... items) {
        return new LinkedBlockingQueue<>(List.of(items));
    }

    private static List<String> events(ByteArrayOutputStream out) {
        String body = out.toString(StandardCharsets.UTF_8);
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<String> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            events.add(event.substring(6));
        }
        return events;
    }

    private static Reply reply(Shape shape, Duration patience) {
        return new Reply(shape, "id-1", 1_700_000_000L, "apertus-tiny", patience);
    }

    @Test
    void aChatStreamIsRoleThenTextThenFinishThenUsageThenDone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply(Shape.CHAT, Duration.ofSeconds(5)).stream(out, true, released("Hel", "lo", FINISHED), new Engine.Job());
        List<String> events = events(out);
        assertThat(events).hasSize(6).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, 5).stream().map(JSON::readTree).toList();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("id").asString()).isEqualTo("id-1");
        });
        assertThat(chunks.get(0).at("/choices/0/delta/role").asString()).isEqualTo("assistant");
        assertThat(chunks.get(1).at("/choices/0/delta/content").asString() + chunks.get(2).at("/choices/0/delta/content").asString())
                .isEqualTo("Hello");
        assertThat(chunks.get(2).at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(chunks.get(3).at("/choices/0/finish_reason").asString()).isEqualTo("length");
        assertThat(chunks.get(3).at("/choices/0/delta").isEmpty()).isTrue();
        assertThat(chunks.get(4).path("choices")).isEmpty();
        assertThat(chunks.subList(0, 4)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
        assertThat(chunks.get(4).at("/usage/total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void aTextStreamHasNoRoleAndNoDeltas() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply(Shape.TEXT, Duration.ofSeconds(5)).stream(out, false, released("Hel", "lo", FINISHED), new Engine.Job());
        List<String> events = events(out);
        assertThat(events).hasSize(4);
        JsonNode first = JSON.readTree(events.get(0));
        assertThat(first.path("object").asString()).isEqualTo("text_completion");
        assertThat(first.at("/choices/0/text").asString()).isEqualTo("Hel");
        assertThat(first.at("/choices/0").has("delta")).isFalse();
        assertThat(JSON.readTree(events.get(2)).at("/choices/0/finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void aFailureAfterTheStreamBeganIsAnErrorEventThenDoneAndTellsNothingInternal() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply(Shape.CHAT, Duration.ofSeconds(5)).stream(out, true, released("Hel", new IllegalStateException("ORT exploded at 0xdead")),
                new Engine.Job());
        List<String> events = events(out);
        assertThat(events).hasSize(4);
        JsonNode error = JSON.readTree(events.get(2));
        assertThat(error.at("/error/code").asString()).isEqualTo("generation_failed");
        assertThat(error.at("/error/message").asString()).isNotBlank();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("0xdead");
    }

    @Test
    void aModelThatFallsSilentTimesOutAndIsCancelled() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Engine.Job job = new Engine.Job();
        reply(Shape.CHAT, Duration.ofMillis(50)).stream(out, false, released("Hel"), job);
        assertThat(JSON.readTree(events(out).get(2)).at("/error/code").asString()).isEqualTo("timeout");
        assertThat(job.cancelled()).isTrue();
    }

    @Test
    void aClientThatIsGoneCancelsTheJob() {
        Engine.Job job = new Engine.Job();
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        // Returns normally: a hang-up is not the server's error, and there is nobody left to answer.
        assertThatCode(() -> reply(Shape.TEXT, Duration.ofSeconds(5)).stream(gone, false, released("Hel", FINISHED), job))
                .doesNotThrowAnyException();
        assertThat(job.cancelled()).isTrue();
    }

    @Test
    void aWholeAnswerJoinsThePiecesAndNamesTheFilter() {
        var response = reply(Shape.CHAT, Duration.ofSeconds(5)).whole(released("Hel", "lo", FINISHED), new Engine.Job(), "node-7");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getFirst(CompletionsController.FILTER_VERSION)).isEqualTo("node-7");
        JsonNode body = JSON.readTree((String) response.getBody());
        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("Hello");
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        var failed = reply(Shape.TEXT, Duration.ofSeconds(5)).whole(released("x", new RuntimeException()), new Engine.Job(), "node-7");
        assertThat(failed.getStatusCode().value()).isEqualTo(500);
    }
}
