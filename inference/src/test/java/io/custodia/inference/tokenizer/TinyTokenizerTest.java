package io.custodia.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.inference.ChatFormat;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny checkpoint's generated tokenizer.json, read back: Apertus' special ids, merges that apply, round trips. */
class TinyTokenizerTest {

    @TempDir
    Path tmp;

    @Test
    void aChatPromptGetsApertusSpecialIdsAndDecodesBack() throws IOException {
        TinyCheckpoint.write(tmp, 1);
        Tokenizer tokenizer = Tokenizer.load(tmp.resolve("tokenizer.json"));
        assertThat(tokenizer.vocabularySize()).isEqualTo(512);
        String prompt = new ChatFormat().prompt(List.of(new ChatFormat.Message(ChatFormat.Role.USER, "Grüezi! Wie ist das Wetter in Zürich?")));
        int[] ids = tokenizer.encode(prompt);
        assertThat(ids[0]).isEqualTo(1);
        assertThat(ids).contains(61, 62, 63, 64, 65, 66, 67);
        assertThat(ids[ids.length - 1]).isEqualTo(67);
        assertThat(tokenizer.decode(ids, false)).isEqualTo(prompt);
        // Learned merges shorten the text: fewer ids than UTF-8 bytes.
        int[] plain = tokenizer.encode("The model is trained on open data.");
        assertThat(plain.length).isLessThan("The model is trained on open data.".length() / 2);
        assertThat(tokenizer.decode(new int[] {37}, false)).isEqualTo("<email-pii>");
    }
}
