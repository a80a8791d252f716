package io.custodia.governance.serving;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param modelDir a directory written by {@code inference-cli.jar convert}; unset: a tiny random Apertus model, made in
 *     the data directory at first start, so that the whole path works on a fresh machine
 * @param workers completions generated at once
 * @param queueCapacity completions waiting for a worker before further ones get 429
 * @param maxFilterAge how old the PII filter bundle may be before serving stops with 503 (Apertus promised updates
 *     every six months)
 * @param maxTokens the most tokens one completion may ask for
 * @param device {@code cpu}, or {@code cuda} for ONNX Runtime's CUDA execution provider (the CPU serves, and the log
 *     says why, when it cannot be had)
 * @param cudaDeviceId the GPU to use
 * @param gpuMemoryLimit the most GPU memory the CUDA provider may take; unset for no limit
 * @param threads ONNX Runtime's CPU threads; 0 for one per core
 * @param nativeDir a directory of ONNX Runtime's native libraries (filled at first start when empty, or beforehand
 *     with {@code inference-cli.jar native-libs}); unset: ONNX Runtime unpacks them into a temporary directory at
 *     every start
 */
@ConfigurationProperties("custodia.serving")
record ServingProperties(Path modelDir, @DefaultValue("1") int workers, @DefaultValue("8") int queueCapacity,
        @DefaultValue("P183D") Duration maxFilterAge, @DefaultValue("1024") int maxTokens, @DefaultValue("cpu") Device device,
        @DefaultValue("0") int cudaDeviceId, DataSize gpuMemoryLimit, @DefaultValue("0") int threads, Path nativeDir) {

    enum Device { CPU, CUDA }
}
