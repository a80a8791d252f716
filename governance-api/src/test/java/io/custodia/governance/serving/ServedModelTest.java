package io.custodia.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.platform.PlatformProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

/** Asked for CUDA on a machine and build without it, the node says why in one warning and serves on the CPU. */
@ExtendWith(OutputCaptureExtension.class)
class ServedModelTest {

    @Test
    void cudaThatCannotBeHadIsOneWarningAndTheCpuServes(@TempDir Path data, CapturedOutput output) throws Exception {
        ServingProperties cuda = new ServingProperties(null, 1, 1, Duration.ofDays(183), 16, ServingProperties.Device.CUDA, 0,
                DataSize.ofGigabytes(4), 1, null);
        ServedModel model = new ServedModel(cuda, new PlatformProperties(data, URI.create("http://localhost"), DataSize.ofMegabytes(1), 60));
        try {
            assertThat(model.id()).isEqualTo("apertus-tiny");
            assertThat(output.getOut()).containsPattern("WARN .*Serving apertus-tiny .* on the CPU, because CUDA was asked for but");
            assertThat(model.engine()).isNotNull();
        } finally {
            model.destroy();
        }
    }
}
