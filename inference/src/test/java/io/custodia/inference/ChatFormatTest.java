package io.custodia.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.inference.ChatFormat.Message;
import io.custodia.inference.ChatFormat.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatFormatTest {

    private final ChatFormat format = new ChatFormat();

    @Test
    void rendersTheApertusInstructLayout() {
        String prompt = format.prompt(List.of(
                new Message(Role.SYSTEM, "Be brief."),
                new Message(Role.USER, "Hi"),
                new Message(Role.ASSISTANT, "Hello."),
                new Message(Role.USER, "Bye")));
        assertThat(prompt).isEqualTo("<s><|system_start|>Be brief.<|system_end|>"
                + "<|developer_start|>Deliberation: disabled\nTool Capabilities: disabled<|developer_end|>"
                + "<|user_start|>Hi<|user_end|><|assistant_start|>Hello.<|assistant_end|>"
                + "<|user_start|>Bye<|user_end|><|assistant_start|>");
    }

    @Test
    void anEmptySystemTurnIsAddedWhenNoneIsGiven() {
        assertThat(format.prompt(List.of(new Message(Role.USER, "Hi"))))
                .startsWith("<s><|system_start|><|system_end|><|developer_start|>")
                .endsWith("<|user_start|>Hi<|user_end|><|assistant_start|>");
    }

    @Test
    void aLateSystemMessageIsRefused() {
        assertThatThrownBy(() -> format.prompt(List.of(new Message(Role.USER, "Hi"), new Message(Role.SYSTEM, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
