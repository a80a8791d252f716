package io.custodia.governance.serving;

import ai.onnxruntime.OrtException;
import io.custodia.governance.platform.PlatformProperties;
import io.custodia.inference.ChatFormat;
import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import io.custodia.inference.generation.Engine;
import io.custodia.inference.generation.Generator;
import io.custodia.inference.onnx.Devices;
import io.custodia.inference.onnx.NativeLibraries;
import io.custodia.inference.onnx.OnnxDecoder;
import io.custodia.inference.onnx.OnnxExport;
import io.custodia.inference.onnx.Precision;
import io.custodia.inference.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The model this node serves, loaded once: its tokenizer, its ONNX Runtime session and the engine in front of it. */
@Component
class ServedModel implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServedModel.class);

    private final String id;
    private final ApertusConfig config;
    private final Tokenizer tokenizer;
    private final Set<Integer> stopTokens;
    private final OnnxDecoder decoder;
    private final Devices.Placement placement;
    private final Generator generator;
    private final Engine engine;

    ServedModel(ServingProperties properties, PlatformProperties platform) throws IOException, OrtException {
        Path dir = properties.modelDir() != null ? properties.modelDir() : tiny(platform.dataDir().resolve("models/apertus-tiny"));
        this.id = properties.modelDir() != null ? dir.getFileName().toString() : "apertus-tiny";
        this.config = ApertusConfig.read(dir.resolve("config.json"));
        this.tokenizer = Tokenizer.load(dir.resolve("tokenizer.json"));
        this.stopTokens = ChatFormat.stopTokens(tokenizer, config.eosId());
        if (properties.nativeDir() != null) {
            // Before ONNX Runtime's first use in this JVM: it reads the directory once, when it loads.
            NativeLibraries.use(properties.nativeDir());
        }
        Devices.Loaded loaded = Devices.load(dir.resolve("model.onnx"), config, new Devices.Request(
                properties.device() == ServingProperties.Device.CUDA, properties.cudaDeviceId(),
                properties.gpuMemoryLimit() == null ? 0 : properties.gpuMemoryLimit().toBytes(), properties.threads()));
        this.placement = loaded.placement();
        this.decoder = loaded.decoder();
        this.generator = new Generator(decoder, tokenizer);
        this.engine = new Engine(generator, properties.workers(), properties.queueCapacity());
        boolean fellBack = placement instanceof Devices.Placement.Cpu cpu && cpu.fallback() != null;
        log.atLevel(fellBack ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.INFO).log(
                "Serving {} from {} on {} ({} layers, hidden {}); ONNX Runtime loaded from {}", id, dir, placement.describe(),
                config.layers(), config.hiddenSize(), NativeLibraries.loadedFrom().map(Path::toString).orElse("an unknown place"));
    }

    /** Makes the tiny demo model once: a random checkpoint, exported to ONNX. */
    private static Path tiny(Path dir) throws IOException {
        if (Files.exists(dir.resolve("model.onnx"))) {
            return dir;
        }
        Path hf = dir.resolveSibling(dir.getFileName() + "-checkpoint");
        TinyCheckpoint.write(hf, 42);
        Path draft = dir.resolveSibling(dir.getFileName() + ".draft");
        OnnxExport.convert(hf, draft, Precision.FP32);
        Files.move(draft, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    String id() {
        return id;
    }

    /** What ends a completion: end of sequence, end of the assistant's turn. */
    Set<Integer> stopTokens() {
        return stopTokens;
    }

    ApertusConfig config() {
        return config;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public void destroy() throws OrtException {
        engine.close();
        decoder.close();
        placement.options().close();
    }
}
