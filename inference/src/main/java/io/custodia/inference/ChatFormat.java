package io.custodia.inference;

import java.util.List;

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
    static final String DEVELOPER_TURN =
            "<|developer_start|>Deliberation: disabled\nTool Capabilities: disabled<|developer_end|>";

    public String prompt(List<Message> messages) {
        StringBuilder out = new StringBuilder(BOS);
        int i = 0;
        if (!messages.isEmpty() && messages.getFirst().role() == Role.SYSTEM) {
            append(out, messages.getFirst());
            i = 1;
        } else {
            out.append(Role.SYSTEM.start).append(Role.SYSTEM.end);
        }
        out.append(DEVELOPER_TURN);
        for (; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.role() == Role.SYSTEM) {
                throw new IllegalArgumentException("a system message may only open the conversation");
            }
            append(out, message);
        }
        return out.append(Role.ASSISTANT.start).toString();
    }

    private static void append(StringBuilder out, Message message) {
        out.append(message.role().start).append(message.content()).append(message.role().end);
    }
}
