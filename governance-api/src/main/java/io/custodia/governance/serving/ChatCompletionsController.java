package io.custodia.governance.serving;

import io.custodia.governance.platform.Problems;
import io.custodia.governance.releases.CurrentPiiBundle;
import io.custodia.inference.ChatFormat;
import io.custodia.inference.generation.Engine;
import io.custodia.inference.generation.Generator;
import io.custodia.inference.generation.Sampling;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible endpoints. Every word the model says passes this node's current PII filter before it leaves
 * (the engine's filtered generation holds back what could still become a value). Without a current
 * filter bundle, or with one older than the configured maximum age, serving stops with 503 rather than serve unfiltered.
 */
@RestController
@Tag(name = "Serving (OpenAI-compatible)")
class ChatCompletionsController {

    static final String FILTER_VERSION = "X-Custodia-Filter-Version";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ServedModel model;
    private final CurrentPiiBundle bundle;
    private final ServingProperties properties;
    private final Clock clock;

    ChatCompletionsController(ServedModel model, CurrentPiiBundle bundle, ServingProperties properties, Clock clock) {
        this.model = model;
        this.bundle = bundle;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "The model this node serves")
    @GetMapping("/v1/models")
    Map<String, Object> models() {
        return Map.of("object", "list", "data", List.of(Map.of("id", model.id(), "object", "model", "created", 0, "owned_by", "custodia")));
    }

    /** A validated chat request. */
    record Chat(List<ChatFormat.Message> messages, int maxTokens, Sampling sampling, List<String> stop, boolean stream,
            boolean includeUsage) {}

    @Operation(summary = "A chat completion, whole or streamed as server-sent events; always through the PII filter")
    @PostMapping(value = "/v1/chat/completions", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> chat(@RequestBody JsonNode body, jakarta.servlet.http.HttpServletResponse response) throws IOException {
        List<Problems.FieldError> errors = new ArrayList<>();
        Chat chat = parse(body, errors);
        if (!errors.isEmpty()) {
            return Problems.respond(Problems.invalid(errors));
        }
        var current = bundle.current();
        if (current.isEmpty()) {
            return Problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "no-filter", "The PII filter is not loaded yet; nothing is served without it.");
        }
        if (current.get().builtAt().plus(properties.maxFilterAge()).isBefore(clock.instant())) {
            return Problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "stale-filter", "The PII filter bundle " + current.get().version()
                    + " is older than " + properties.maxFilterAge() + "; nothing is served until it is rebuilt.");
        }
        int[] prompt = model.tokenizer().encode(new ChatFormat().prompt(chat.messages()));
        if (prompt.length + 1 >= model.config().maxPositions()) {
            return Problems.respond(Problems.invalid(List.of(new Problems.FieldError("messages",
                    "the conversation has " + prompt.length + " tokens; the model reads at most " + (model.config().maxPositions() - 1)))));
        }
        Generator.Request request = new Generator.Request(prompt, chat.maxTokens(), chat.sampling(),
                Set.of(model.config().eosId(), 2), chat.stop());
        BlockingQueue<Object> released = new LinkedBlockingQueue<>();
        var submission = model.engine().submit(request, current.get().filter(), released::add);
        Engine.Job job;
        switch (submission) {
            case Engine.Submission.Rejected rejected -> {
                return Problems.respond(HttpStatus.TOO_MANY_REQUESTS, "busy", rejected.reason());
            }
            case Engine.Submission.Accepted accepted -> job = accepted.job();
        }
        job.finished().whenComplete((finished, failure) -> released.add(failure == null ? finished : failure));
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = clock.instant().getEpochSecond();
        if (!chat.stream()) {
            return whole(id, created, prompt.length, released, job, current.get().version());
        }
        // Written here, on this request's thread, as pieces are released: the engine bounds how many run at once.
        response.setStatus(200);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(FILTER_VERSION, current.get().version());
        response.setHeader("Cache-Control", "no-cache");
        stream(response.getOutputStream(), id, created, chat.includeUsage(), released, job);
        return null;
    }

    private ResponseEntity<?> whole(String id, long created, int promptTokens, BlockingQueue<Object> released, Engine.Job job,
            String filterVersion) {
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                Object item = released.poll(10, TimeUnit.MINUTES);
                switch (item) {
                    case String safe -> text.append(safe);
                    case Generator.Finished finished -> {
                        ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("created", created)
                                .put("model", model.id());
                        ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
                        choice.putObject("message").put("role", "assistant").put("content", text.toString());
                        choice.put("finish_reason", finishReason(finished));
                        usage(response.putObject("usage"), finished);
                        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(FILTER_VERSION, filterVersion)
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

    /** Server-sent events as OpenAI sends them: the role first, then the text, then the finish reason, then [DONE]. */
    private void stream(OutputStream out, String id, long created, boolean includeUsage, BlockingQueue<Object> released, Engine.Job job)
            throws IOException {
        try {
            send(out, chunk(id, created, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
            while (true) {
                Object item = released.poll(10, TimeUnit.MINUTES);
                switch (item) {
                    case String safe -> send(out, chunk(id, created, JSON.createObjectNode().put("content", safe), null));
                    case Generator.Finished finished -> {
                        send(out, chunk(id, created, JSON.createObjectNode(), finishReason(finished)));
                        if (includeUsage) {
                            ObjectNode usage = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                                    .put("created", created).put("model", model.id());
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
            job.cancel();
            throw clientGone;
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode chunk(String id, long created, ObjectNode delta, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model.id());
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static void send(OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

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

    private Chat parse(JsonNode body, List<Problems.FieldError> errors) {
        List<ChatFormat.Message> messages = new ArrayList<>();
        JsonNode list = body == null ? null : body.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add(new Problems.FieldError("messages", "must be a non-empty array of {role, content}"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                ChatFormat.Role role = switch (m.path("role").asString("")) {
                    case "system", "developer" -> ChatFormat.Role.SYSTEM;
                    case "user" -> ChatFormat.Role.USER;
                    case "assistant" -> ChatFormat.Role.ASSISTANT;
                    default -> null;
                };
                if (role == null || !m.path("content").isString()) {
                    errors.add(new Problems.FieldError("messages[" + i + "]", "needs a role (system, user or assistant) and string content"));
                } else {
                    messages.add(new ChatFormat.Message(role, m.path("content").asString()));
                }
            }
        }
        int maxTokens = body == null ? 0 : body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(256));
        if (maxTokens < 1 || maxTokens > properties.maxTokens()) {
            errors.add(new Problems.FieldError("max_tokens", "must be between 1 and " + properties.maxTokens()));
        }
        double temperature = body == null ? 0 : body.path("temperature").asDouble(0.8);
        double topP = body == null ? 1 : body.path("top_p").asDouble(0.9);
        int topK = body == null ? 0 : body.path("top_k").asInt(0);
        long seed = body == null ? 0 : body.path("seed").asLong(UUID.randomUUID().getMostSignificantBits());
        Sampling sampling = null;
        try {
            sampling = new Sampling(temperature, topP, topK, seed);
        } catch (IllegalArgumentException e) {
            errors.add(new Problems.FieldError("sampling", e.getMessage()));
        }
        List<String> stop = new ArrayList<>();
        JsonNode stops = body == null ? null : body.get("stop");
        if (stops != null && stops.isString()) {
            stop.add(stops.asString());
        } else if (stops != null && stops.isArray() && stops.size() <= 4) {
            stops.forEach(s -> stop.add(s.asString()));
        } else if (stops != null && !stops.isNull()) {
            errors.add(new Problems.FieldError("stop", "must be a string or an array of at most 4 strings"));
        }
        boolean stream = body != null && body.path("stream").asBoolean(false);
        boolean includeUsage = body != null && body.path("stream_options").path("include_usage").asBoolean(false);
        return new Chat(messages, maxTokens, sampling, stop, stream, includeUsage);
    }
}
