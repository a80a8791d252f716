package io.custodia.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceCliTest {

    @TempDir
    Path tmp;

    @Test
    void tinyWritesACheckpointAndBadUsageIsExitTwo() {
        StringWriter out = new StringWriter();
        int exit = InferenceCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "tiny", "--out", tmp.resolve("tiny").toString(), "--seed", "5");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("wrote a tiny Apertus checkpoint");
        assertThat(tmp.resolve("tiny/config.json")).exists();
        assertThat(InferenceCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "tiny")).isEqualTo(2);
    }
}
