package io.custodia.governance.serving;

import io.custodia.governance.platform.Problems;
import io.custodia.governance.serving.CompletionsController.Shape;
import io.custodia.inference.generation.Engine;
import io.custodia.inference.generation.Generator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One answer being written from what the engine releases (text pieces, then the finished outcome or a failure), whole
 * or as OpenAI's server-sent events, in its endpoint's shape.
 */
final class Reply {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final Shape shape;
    private final String id;
    private final long created;
    private final String model;
    private final Duration patience;

    /** {@code patience}: how long to wait for the model's next piece before giving up on it. */
    Reply(Shape shape, String id, long created, String model, Duration patience) {
        this.shape = shape;
        this.id = id;
        this.created = created;
        this.model = model;
        this.patience = patience;
    }

    private ObjectNode envelope(String object) {
        return JSON.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    ResponseEntity<?> whole(BlockingQueue<Object> released, Engine.Job job, String filterVersion) {
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                switch (released.poll(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                    case String safe -> text.append(safe);
                    case Generator.Finished finished -> {
                        ObjectNode response = envelope(shape.object);
                        ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
                        shape.whole(choice, text.toString());
                        choice.put("finish_reason", finishReason(finished));
                        usage(response.putObject("usage"), finished);
                        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(CompletionsController.FILTER_VERSION, filterVersion)
                                .body(JSON.writeValueAsString(response));
                    }
                    case null -> {
                        job.cancel();
                        return Problems.respond(HttpStatus.GATEWAY_TIMEOUT, "timeout", "The completion took too long.");
                    }
                    default -> {
                        return Problems.respond(HttpStatus.INTERNAL_SERVER_ERROR, "generation-failed", "The model failed to generate.");
                    }
                }
            }
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            return Problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "interrupted", "The server is shutting down.");
        }
    }

    /** Server-sent events as OpenAI sends them: (for chat) the role first, then the text, the finish reason, [DONE]. */
    void stream(OutputStream out, boolean includeUsage, BlockingQueue<Object> released, Engine.Job job) {
        try {
            if (shape == Shape.CHAT) {
                ObjectNode first = chunk(null, includeUsage);
                ((ObjectNode) first.path("choices").path(0).path("delta")).put("role", "assistant").put("content", "");
                send(out, first);
            }
            while (true) {
                switch (released.poll(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                    case String safe -> send(out, chunk(safe, includeUsage));
                    case Generator.Finished finished -> {
                        ObjectNode last = chunk(null, includeUsage);
                        ((ObjectNode) last.path("choices").path(0)).put("finish_reason", finishReason(finished));
                        send(out, last);
                        if (includeUsage) {
                            ObjectNode usage = envelope(shape.chunkObject);
                            usage.putArray("choices");
                            usage(usage.putObject("usage"), finished);
                            send(out, usage);
                        }
                        done(out);
                        return;
                    }
                    case null -> {
                        job.cancel();
                        error(out, "timeout", "The completion took too long.");
                        return;
                    }
                    default -> {
                        error(out, "generation_failed", "The model failed to generate.");
                        return;
                    }
                }
            }
        } catch (IOException clientGone) {
            // The client hung up: stop generating for nobody, and free the worker for the next request. Not an
            // error of ours, and the response is gone: nothing to log, nothing to answer.
            job.cancel();
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode chunk(String text, boolean includeUsage) {
        ObjectNode chunk = envelope(shape.chunkObject);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        shape.piece(choice, text);
        choice.putNull("finish_reason");
        if (includeUsage) {
            // As OpenAI does when usage was asked for: null on every chunk but the last.
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static void send(OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An error after the stream began: the status line has gone, so it is an event, and then the stream ends. */
    private static void error(OutputStream out, String code, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", "server_error").put("code", code);
        send(out, error);
        done(out);
    }

    private static void done(OutputStream out) throws IOException {
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String finishReason(Generator.Finished finished) {
        return finished.reason() == Generator.FinishReason.LENGTH ? "length" : "stop";
    }

    private static void usage(ObjectNode usage, Generator.Finished finished) {
        usage.put("prompt_tokens", finished.promptTokens()).put("completion_tokens", finished.completionTokens())
                .put("total_tokens", finished.promptTokens() + finished.completionTokens());
    }
}
