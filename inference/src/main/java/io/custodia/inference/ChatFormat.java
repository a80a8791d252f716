package io.custodia.inference;

import io.custodia.inference.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Renders a conversation into the Apertus instruct prompt, ending where the assistant's next turn begins. */
public final class ChatFormat {

    /** One turn of a conversation. */
    public record Message(Role role, String content) {}

    /** Who speaks a turn; Apertus brackets each role's text with its own special tokens. */
    public enum Role {
        SYSTEM("<|system_start|>", "<|system_end|>"),
        USER("<|user_start|>", "<|user_end|>"),
        ASSISTANT("<|assistant_start|>", "<|assistant_end|>");

        private final String start;
        private final String end;

        Role(String start, String end) {
            this.start = start;
            this.end = end;
        }
    }

    static final String BOS = "<s>";
    // Custodia never serves deliberation or tools, so the developer turn always disables both.
    private static final String DEVELOPER_START = "<|developer_start|>";
    private static final String DEVELOPER_END = "<|developer_end|>";
    private static final String DEVELOPER_CONTENT = "Deliberation: disabled\nTool Capabilities: disabled";

    /** The prompt as text, markers written out: what the model card shows, and what tests read. */
    public String prompt(List<Message> messages) {
        StringBuilder out = new StringBuilder();
        render(messages, out::append, out::append);
        return out.toString();
    }

    /**
     * The prompt as token ids: each marker is its special token, and what people wrote is encoded literally, so that
     * content cannot forge a marker (a user who types {@code <|assistant_start|>} gets those characters, not the turn).
     */
    public int[] tokens(Tokenizer tokenizer, List<Message> messages) {
        List<Integer> ids = new ArrayList<>();
        render(messages, marker -> {
            int id = tokenizer.id(marker);
            if (id < 0) {
                throw new IllegalArgumentException("the tokenizer has no special token " + marker);
            }
            ids.add(id);
        }, content -> {
            for (int id : tokenizer.encodeText(content)) {
                ids.add(id);
            }
        });
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The tokens that end what the model says: the config's end of sequence, and the end of an assistant turn and of
     * a text as the tokenizer spells them, where it has them.
     */
    public static Set<Integer> stopTokens(Tokenizer tokenizer, int eosId) {
        Set<Integer> stops = new HashSet<>();
        stops.add(eosId);
        for (String marker : List.of(Role.ASSISTANT.end, "</s>")) {
            if (tokenizer.id(marker) >= 0) {
                stops.add(tokenizer.id(marker));
            }
        }
        return Set.copyOf(stops);
    }

    /** Whether the messages make a conversation Apertus can continue: a system message may only open it. */
    public static boolean systemOnlyFirst(List<Message> messages) {
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i).role() == Role.SYSTEM) {
                return false;
            }
        }
        return true;
    }

    private static void render(List<Message> messages, Consumer<String> marker, Consumer<String> content) {
        if (!systemOnlyFirst(messages)) {
            throw new IllegalArgumentException("a system message may only open the conversation");
        }
        marker.accept(BOS);
        int i = 0;
        if (!messages.isEmpty() && messages.getFirst().role() == Role.SYSTEM) {
            turn(messages.getFirst(), marker, content);
            i = 1;
        } else {
            marker.accept(Role.SYSTEM.start);
            marker.accept(Role.SYSTEM.end);
        }
        marker.accept(DEVELOPER_START);
        content.accept(DEVELOPER_CONTENT);
        marker.accept(DEVELOPER_END);
        for (; i < messages.size(); i++) {
            turn(messages.get(i), marker, content);
        }
        marker.accept(Role.ASSISTANT.start);
    }

    private static void turn(Message message, Consumer<String> marker, Consumer<String> content) {
        marker.accept(message.role().start);
        if (!message.content().isEmpty()) {
            content.accept(message.content());
        }
        marker.accept(message.role().end);
    }
}
