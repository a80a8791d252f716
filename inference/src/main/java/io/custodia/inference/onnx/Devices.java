package io.custodia.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import io.custodia.inference.checkpoint.ApertusConfig;
import java.nio.file.Path;

/**
 * Where a model runs: ONNX Runtime's CUDA execution provider when it was asked for and can be had, the CPU otherwise.
 * Falling back is an outcome, not an error: the placement says why, and the caller logs it.
 */
public final class Devices {

    private Devices() {}

    /**
     * What the operator asked for.
     *
     * @param cuda whether to run on a GPU through the CUDA execution provider
     * @param deviceId the CUDA device
     * @param gpuMemoryLimitBytes the most the CUDA provider's memory arena may take; 0 for no limit
     * @param cpuThreads ONNX Runtime's intra-op threads on the CPU; 0 for its default (one per core)
     */
    public record Request(boolean cuda, int deviceId, long gpuMemoryLimitBytes, int cpuThreads) {
        public Request {
            if (deviceId < 0 || gpuMemoryLimitBytes < 0 || cpuThreads < 0) {
                throw new IllegalArgumentException("device id, memory limit and threads cannot be negative");
            }
        }

        public static Request cpu(int threads) {
            return new Request(false, 0, 0, threads);
        }
    }

    /** Where the session will run, with the options that make it so. */
    public sealed interface Placement {
        OrtSession.SessionOptions options();

        /** One line for the log. */
        String describe();

        record Cuda(int deviceId, long gpuMemoryLimitBytes, OrtSession.SessionOptions options) implements Placement {
            @Override
            public String describe() {
                return "CUDA device " + deviceId + (gpuMemoryLimitBytes > 0 ? ", memory limit " + (gpuMemoryLimitBytes >> 20) + " MiB" : "");
            }
        }

        /** On the CPU; {@code fallback} says why when a GPU was asked for, and is null when the CPU was. */
        record Cpu(String fallback, OrtSession.SessionOptions options) implements Placement {
            @Override
            public String describe() {
                return fallback == null ? "the CPU" : "the CPU, because CUDA was asked for but " + fallback;
            }
        }
    }

    public static Placement place(Request request) throws OrtException {
        OrtTelemetry.disableBeforeFirstUse();
        // The environment first: it registers the runtime's logger, which a provider that fails to load reports through.
        OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = options(request);
        if (!request.cuda()) {
            return new Placement.Cpu(null, options);
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return new Placement.Cpu("this ONNX Runtime build has no CUDA provider (it has " + OrtEnvironment.getAvailableProviders()
                    + "; the com.microsoft.onnxruntime:onnxruntime_gpu artifact has)", options);
        }
        try {
            OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(request.deviceId());
            if (request.gpuMemoryLimitBytes() > 0) {
                cuda.add("gpu_mem_limit", Long.toString(request.gpuMemoryLimitBytes()));
            }
            options.addCUDA(cuda);
            return new Placement.Cuda(request.deviceId(), request.gpuMemoryLimitBytes(), options);
        } catch (OrtException e) {
            // No driver, no device of that id, or no CUDA libraries: the CPU still serves.
            options.close();
            return new Placement.Cpu("the CUDA provider failed to start: " + oneLine(e), options(request));
        }
    }

    /** A model loaded where it could run, and where that is. */
    public record Loaded(OnnxDecoder decoder, Placement placement) {}

    /**
     * Places and loads a model. A CUDA session can still fail to start after the provider was added (no device of that
     * id, too little GPU memory for the weights): then the CPU serves, and the placement says why.
     */
    public static Loaded load(Path modelOnnx, ApertusConfig config, Request request) throws OrtException {
        Placement placement = place(request);
        try {
            return new Loaded(new OnnxDecoder(modelOnnx, config, placement.options()), placement);
        } catch (OrtException e) {
            if (placement instanceof Placement.Cuda) {
                placement.options().close();
                Placement cpu = new Placement.Cpu("the CUDA session failed to start: " + oneLine(e), options(request));
                return loadOnCpu(modelOnnx, config, cpu);
            }
            throw cpuRefused(e);
        }
    }

    private static Loaded loadOnCpu(Path modelOnnx, ApertusConfig config, Placement cpu) throws OrtException {
        try {
            return new Loaded(new OnnxDecoder(modelOnnx, config, cpu.options()), cpu);
        } catch (OrtException e) {
            throw cpuRefused(e);
        }
    }

    /** The CPU has no kernels for some formats: a bf16 model is the usual case, and the message should say so. */
    private static OrtException cpuRefused(OrtException e) {
        if (e.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED) {
            return new OrtException(e.getCode(), "ONNX Runtime cannot run this model on the CPU (a bf16 model needs CUDA): " + oneLine(e));
        }
        return e;
    }

    private static String oneLine(OrtException e) {
        return e.getMessage().strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static OrtSession.SessionOptions options(Request request) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (request.cpuThreads() > 0) {
            options.setIntraOpNumThreads(request.cpuThreads());
        }
        return options;
    }
}
