package io.custodia.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAI's official Node.js client (npm {@code openai}) against the running service: what users of it will see. */
class ServingOpenAiClientTest extends ApiTestSupport {

    private static final Path NODE = Path.of("src/test/node");

    @Test
    void theOfficialClientListsChatsCompletesAndStreamsThroughTheFilter() throws Exception {
        Process node = new ProcessBuilder("node", NODE.resolve("openai-client.mjs").toString(), "http://localhost:" + port + "/v1",
                staff("MODEL_CLIENT")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        JsonNode seen = JSON.readTree(out);

        assertThat(seen.path("models").path(0).asString()).isEqualTo("apertus-tiny");
        JsonNode chat = seen.path("chat");
        assertThat(chat.path("role").asString()).isEqualTo("assistant");
        assertThat(chat.path("finish").asString()).isIn("stop", "length");
        assertThat(chat.path("filterVersion").asString()).startsWith("node-");
        assertThat(chat.path("usage").path("completion_tokens").asInt()).isBetween(1, 12);
        assertThat(chat.path("usage").path("total_tokens").asInt())
                .isEqualTo(chat.path("usage").path("prompt_tokens").asInt() + chat.path("usage").path("completion_tokens").asInt());
        // The same seed streamed: the client reassembles the same text, the role first and the usage at the end.
        JsonNode stream = seen.path("chatStream");
        assertThat(stream.path("text").asString()).isEqualTo(chat.path("text").asString());
        assertThat(stream.path("role").asString()).isEqualTo("assistant");
        assertThat(stream.path("finish").asString()).isEqualTo(chat.path("finish").asString());
        assertThat(stream.path("usage")).isEqualTo(chat.path("usage"));

        assertThat(seen.path("text").path("usage").path("completion_tokens").asInt()).isBetween(1, 10);
        assertThat(seen.path("textStream").path("text").asString()).isEqualTo(seen.path("text").path("text").asString());
        assertThat(seen.path("textStream").path("finish").asString()).isEqualTo(seen.path("text").path("finish").asString());

        assertThat(seen.path("refused").path("status").asInt()).isEqualTo(400);
        assertThat(seen.path("refused").path("name").asString()).isEqualTo("BadRequestError");
    }
}
