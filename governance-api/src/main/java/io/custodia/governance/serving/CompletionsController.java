package io.custodia.governance.serving;

import io.custodia.governance.platform.Problems;
import io.custodia.governance.releases.CurrentPiiBundle;
import io.custodia.inference.ChatFormat;
import io.custodia.inference.generation.Engine;
import io.custodia.inference.generation.Generator;
import io.custodia.inference.generation.Sampling;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible endpoints. Every word the model says passes this node's current PII filter before it leaves
 * (the engine's filtered generation holds back what could still become a value). Without a current filter bundle, or
 * with one older than the configured maximum age, serving stops with 503 rather than serve unfiltered.
 */
@RestController
@Tag(name = "Serving (OpenAI-compatible)")
class CompletionsController {

    static final String FILTER_VERSION = "X-Custodia-Filter-Version";

    private final ServedModel model;
    private final CurrentPiiBundle bundle;
    private final ServingProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    CompletionsController(ServedModel model, CurrentPiiBundle bundle, ServingProperties properties, Clock clock, MeterRegistry meters) {
        this.model = model;
        this.bundle = bundle;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** How an endpoint puts text into OpenAI's JSON: chat messages and deltas, or the legacy text choices. */
    enum Shape {
        CHAT("chatcmpl-", "chat.completion", "chat.completion.chunk"),
        TEXT("cmpl-", "text_completion", "text_completion");

        final String idPrefix;
        final String object;
        final String chunkObject;

        Shape(String idPrefix, String object, String chunkObject) {
            this.idPrefix = idPrefix;
            this.object = object;
            this.chunkObject = chunkObject;
        }

        void whole(ObjectNode choice, String text) {
            if (this == CHAT) {
                choice.putObject("message").put("role", "assistant").put("content", text);
            } else {
                choice.put("text", text).putNull("logprobs");
            }
        }

        /** A piece of a stream; null text is the last piece, which carries only the finish reason. */
        void piece(ObjectNode choice, String text) {
            if (this == CHAT) {
                ObjectNode delta = choice.putObject("delta");
                if (text != null) {
                    delta.put("content", text);
                }
            } else {
                choice.put("text", text == null ? "" : text).putNull("logprobs");
            }
        }
    }

    /** A validated request of either endpoint, its prompt already in tokens. */
    record Completion(int[] prompt, int maxTokens, Sampling sampling, List<String> stop, boolean stream,
            boolean includeUsage) {}

    @Operation(summary = "The model this node serves")
    @GetMapping("/v1/models")
    Map<String, Object> models() {
        return Map.of("object", "list", "data", List.of(Map.of("id", model.id(), "object", "model", "created", 0, "owned_by", "custodia")));
    }

    @Operation(summary = "A chat completion, whole or streamed as server-sent events; always through the PII filter")
    @PostMapping(value = "/v1/chat/completions", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> chat(@RequestBody JsonNode body, HttpServletResponse response) throws IOException {
        List<Problems.FieldError> errors = new ArrayList<>();
        List<ChatFormat.Message> messages = messages(body, errors);
        tooLongToEncode(messages.stream().mapToLong(m -> m.content().length()).sum(), "messages", errors);
        return serve(Shape.CHAT, body, errors, () -> new ChatFormat().tokens(model.tokenizer(), messages), 256, response);
    }

    @Operation(summary = "A text completion of a raw prompt (no chat template), whole or streamed; always through the PII filter")
    @PostMapping(value = "/v1/completions", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> complete(@RequestBody JsonNode body, HttpServletResponse response) throws IOException {
        List<Problems.FieldError> errors = new ArrayList<>();
        int[] prompt = textPrompt(body, errors);
        // OpenAI's legacy endpoint writes 16 tokens unless asked for more.
        return serve(Shape.TEXT, body, errors, () -> prompt, 16, response);
    }

    private ResponseEntity<?> serve(Shape shape, JsonNode body, List<Problems.FieldError> errors,
            Supplier<int[]> tokens, int defaultMaxTokens, HttpServletResponse response) throws IOException {
        Completion completion = options(shape, body, defaultMaxTokens, errors, tokens);
        if (!errors.isEmpty()) {
            return Problems.respond(Problems.invalid(errors));
        }
        String requested = body.path("model").asString(model.id());
        if (!requested.equals(model.id())) {
            return Problems.respond(HttpStatus.NOT_FOUND, "model-not-found", "This node serves " + model.id() + ", not " + requested + ".");
        }
        CurrentPiiBundle.Current current;
        switch (FilterGate.decide(bundle.current(), clock.instant(), properties.maxFilterAge())) {
            case FilterGate.Decision.Missing missing -> {
                return Problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "no-filter", "The PII filter is not loaded yet; nothing is served without it.");
            }
            case FilterGate.Decision.Stale stale -> {
                return Problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "stale-filter", "The PII filter bundle " + stale.version()
                        + " is older than " + properties.maxFilterAge() + "; nothing is served until it is rebuilt.");
            }
            case FilterGate.Decision.Open open -> current = open.current();
        }
        int[] prompt = completion.prompt();
        if (prompt.length + 1 >= model.config().maxPositions()) {
            return Problems.respond(Problems.invalid(List.of(new Problems.FieldError(shape == Shape.CHAT ? "messages" : "prompt",
                    "has " + prompt.length + " tokens; the model reads at most " + (model.config().maxPositions() - 2)))));
        }
        Generator.Request request = new Generator.Request(prompt, completion.maxTokens(), completion.sampling(),
                model.stopTokens(), completion.stop());
        BlockingQueue<Object> released = new LinkedBlockingQueue<>();
        Engine.Job job;
        switch (model.engine().submit(request, current.filter(), released::add)) {
            case Engine.Submission.Rejected rejected -> {
                return Problems.respond(HttpStatus.TOO_MANY_REQUESTS, "busy", rejected.reason());
            }
            case Engine.Submission.Accepted accepted -> job = accepted.job();
        }
        job.finished().whenComplete((finished, failure) -> {
            released.add(failure == null ? finished : failure);
            // How completions end, cancelled ones (clients that hung up) included, and how many tokens they wrote.
            String end = failure != null ? "error" : finished.reason().name().toLowerCase(Locale.ROOT);
            meters.counter("custodia.serving.completions", "endpoint", shape.name().toLowerCase(Locale.ROOT), "finish", end)
                    .increment();
            if (finished != null) {
                meters.counter("custodia.serving.tokens", "kind", "completion").increment(finished.completionTokens());
                meters.counter("custodia.serving.tokens", "kind", "prompt").increment(finished.promptTokens());
            }
        });
        Reply reply = new Reply(shape, shape.idPrefix + UUID.randomUUID(), clock.instant().getEpochSecond(), model.id(), Duration.ofMinutes(10));
        if (!completion.stream()) {
            return reply.whole(released, job, current.version());
        }
        // Written here, on this request's thread, as pieces are released: the engine bounds how many run at once.
        response.setStatus(200);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(FILTER_VERSION, current.version());
        response.setHeader("Cache-Control", "no-cache");
        reply.stream(response.getOutputStream(), completion.includeUsage(), released, job);
        return null;
    }

    /** The conversation; content may be a string or OpenAI's list of text parts. */
    private static List<ChatFormat.Message> messages(JsonNode body, List<Problems.FieldError> errors) {
        List<ChatFormat.Message> messages = new ArrayList<>();
        JsonNode list = body == null ? null : body.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add(new Problems.FieldError("messages", "must be a non-empty array of {role, content}"));
            return messages;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            ChatFormat.Role role = switch (m.path("role").asString("")) {
                case "system", "developer" -> ChatFormat.Role.SYSTEM;
                case "user" -> ChatFormat.Role.USER;
                case "assistant" -> ChatFormat.Role.ASSISTANT;
                default -> null;
            };
            String content = content(m.path("content"));
            if (role == null || content == null) {
                errors.add(new Problems.FieldError("messages[" + i + "]",
                        "needs a role (system, developer, user or assistant) and content as a string or a list of text parts"));
            } else {
                messages.add(new ChatFormat.Message(role, content));
            }
        }
        if (errors.isEmpty() && !ChatFormat.systemOnlyFirst(messages)) {
            errors.add(new Problems.FieldError("messages", "a system or developer message may only open the conversation"));
        }
        return messages;
    }

    private static String content(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        if (!content.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!part.path("type").asString("").equals("text") || !part.path("text").isString()) {
                return null;
            }
            text.append(part.path("text").asString());
        }
        return text.toString();
    }

    /**
     * The legacy endpoint's prompt: a string (its special-token markers count, as in vLLM: the whole prompt is the
     * caller's), or token ids; a list of one of either. A BOS is put first unless the prompt begins with one.
     */
    private int[] textPrompt(JsonNode body, List<Problems.FieldError> errors) {
        JsonNode prompt = body == null ? null : body.get("prompt");
        if (prompt != null && prompt.isArray() && prompt.size() == 1 && (prompt.get(0).isString() || prompt.get(0).isArray())) {
            prompt = prompt.get(0);
        }
        int[] ids;
        if (prompt != null && prompt.isString() && !prompt.asString().isEmpty()) {
            if (tooLongToEncode(prompt.asString().length(), "prompt", errors)) {
                return new int[0];
            }
            ids = model.tokenizer().encode(prompt.asString());
        } else if (prompt != null && prompt.isArray() && !prompt.isEmpty() && allTokenIds(prompt)) {
            ids = new int[prompt.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = prompt.get(i).asInt();
            }
        } else {
            errors.add(new Problems.FieldError("prompt", "must be one non-empty string or one list of token ids below "
                    + model.config().vocabSize() + " (one prompt per request)"));
            return new int[0];
        }
        int bos = model.config().bosId();
        if (ids.length > 0 && ids[0] == bos) {
            return ids;
        }
        int[] withBos = new int[ids.length + 1];
        withBos[0] = bos;
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    /**
     * Whether a text is surely longer than the model reads, told from its length alone: it is refused before the
     * tokenizer spends time on it.
     */
    private boolean tooLongToEncode(long chars, String field, List<Problems.FieldError> errors) {
        if (chars / model.tokenizer().longestTokenBytes() < model.config().maxPositions()) {
            return false;
        }
        errors.add(new Problems.FieldError(field, "is longer than the model reads (" + model.config().maxPositions() + " tokens)"));
        return true;
    }

    private static boolean allStrings(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isString()) {
                return false;
            }
        }
        return true;
    }

    private boolean allTokenIds(JsonNode list) {
        for (JsonNode id : list) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= model.config().vocabSize()) {
                return false;
            }
        }
        return true;
    }

    /** The options both endpoints share; OpenAI's that Custodia cannot honour are refused rather than ignored. */
    private Completion options(Shape shape, JsonNode body, int defaultMaxTokens, List<Problems.FieldError> errors,
            Supplier<int[]> tokens) {
        if (body == null || !body.isObject()) {
            errors.add(new Problems.FieldError("body", "must be a JSON object"));
            return null;
        }
        int maxTokens = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(Math.min(defaultMaxTokens, properties.maxTokens())));
        if (maxTokens < 1 || maxTokens > properties.maxTokens()) {
            errors.add(new Problems.FieldError("max_tokens", "must be between 1 and " + properties.maxTokens()));
        }
        Sampling sampling = null;
        double temperature = body.path("temperature").asDouble(0.8);
        double topP = body.path("top_p").asDouble(0.9);
        if (topP == 0) {
            // OpenAI takes top_p 0 as "only the likeliest token", which is greedy decoding.
            temperature = 0;
            topP = 1;
        }
        try {
            sampling = new Sampling(temperature, topP, body.path("top_k").asInt(0),
                    body.path("seed").asLong(UUID.randomUUID().getMostSignificantBits()));
        } catch (IllegalArgumentException e) {
            errors.add(new Problems.FieldError("sampling", e.getMessage()));
        }
        List<String> stop = new ArrayList<>();
        JsonNode stops = body.get("stop");
        if (stops != null && stops.isString()) {
            stop.add(stops.asString());
        } else if (stops != null && stops.isArray() && stops.size() <= 4 && allStrings(stops)) {
            stops.forEach(s -> stop.add(s.asString()));
        } else if (stops != null && !stops.isNull()) {
            errors.add(new Problems.FieldError("stop", "must be a string or an array of at most 4 strings"));
        }
        if (body.path("n").asInt(1) != 1 || body.path("best_of").asInt(1) != 1) {
            errors.add(new Problems.FieldError("n", "one choice per request"));
        }
        boolean logprobs = shape == Shape.CHAT ? body.path("logprobs").asBoolean(false) : body.path("logprobs").asInt(0) > 0;
        if (logprobs || body.path("top_logprobs").asInt(0) > 0) {
            errors.add(new Problems.FieldError("logprobs", "log probabilities are not served: they would tell what the filter removed"));
        }
        if (body.path("echo").asBoolean(false) || (body.has("suffix") && !body.get("suffix").isNull())) {
            errors.add(new Problems.FieldError("echo", "echo and suffix are not supported"));
        }
        for (String tools : List.of("tools", "functions")) {
            if (body.has(tools) && !body.get(tools).isNull() && !body.get(tools).isEmpty()) {
                errors.add(new Problems.FieldError(tools, "Custodia serves Apertus with tool capabilities disabled"));
            }
        }
        if (body.has("logit_bias") && !body.get("logit_bias").isNull() && !body.get("logit_bias").isEmpty()) {
            errors.add(new Problems.FieldError("logit_bias", "logit bias is not supported"));
        }
        for (String penalty : List.of("presence_penalty", "frequency_penalty")) {
            if (body.path(penalty).asDouble(0) != 0) {
                errors.add(new Problems.FieldError(penalty, "penalties are not supported; leave it at 0"));
            }
        }
        String format = body.path("response_format").path("type").asString("text");
        if (!format.equals("text")) {
            errors.add(new Problems.FieldError("response_format", "only text is served"));
        }
        boolean stream = body.path("stream").asBoolean(false);
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        if (!stream && body.has("stream_options") && !body.get("stream_options").isNull()) {
            errors.add(new Problems.FieldError("stream_options", "only with stream: true"));
        }
        return new Completion(errors.isEmpty() ? tokens.get() : new int[0], maxTokens, sampling, stop, stream, includeUsage);
    }
}
