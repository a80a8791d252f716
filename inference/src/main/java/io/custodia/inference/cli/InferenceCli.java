package io.custodia.inference.cli;

import io.custodia.inference.ChatFormat;
import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import io.custodia.inference.generation.Generator;
import io.custodia.inference.generation.Sampling;
import io.custodia.inference.onnx.Devices;
import io.custodia.inference.onnx.NativeLibraries;
import io.custodia.inference.onnx.OnnxExport;
import io.custodia.inference.onnx.Precision;
import io.custodia.inference.tokenizer.Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The inference command line: tiny random checkpoints, ONNX export, and a quick generation to try a model. */
@Command(name = "inference", mixinStandardHelpOptions = true, version = "inference 0.1",
        description = "Apertus checkpoints for Custodia's serving.", subcommands = {InferenceCli.Tiny.class, InferenceCli.Convert.class, InferenceCli.Generate.class,
            InferenceCli.NativeLibs.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:bad input", "2:bad usage"})
public final class InferenceCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI without exiting; what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new InferenceCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("inference: " + (e instanceof java.io.IOException io ? io.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    @Command(name = "tiny", description = "Writes a small random-weight Apertus checkpoint (2 layers, hidden 64) for tests and demos.")
    static final class Tiny implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the checkpoint directory to write")
        Path out;

        @Option(names = "--seed", paramLabel = "S", description = "the random seed (default: 42); the same seed writes the same files")
        long seed = 42;

        @Override
        public Integer call() throws Exception {
            TinyCheckpoint.write(out, seed);
            spec.commandLine().getOut().println("wrote a tiny Apertus checkpoint to " + out);
            return 0;
        }
    }

    @Command(name = "convert", description = "Exports a Hugging Face Apertus checkpoint as an ONNX model with a KV cache.")
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--hf", required = true, paramLabel = "DIR", description = "the checkpoint: config.json, *.safetensors, tokenizer.json")
        Path hf;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where model.onnx, config.json and tokenizer.json go")
        Path out;

        @Option(names = "--dtype", paramLabel = "T", description = "fp32 (default, for the CPU), fp16 (CUDA; also runs, slowly, on the"
                + " CPU) or bf16 (CUDA only: ONNX Runtime has no bf16 MatMul on the CPU)")
        String dtype = "fp32";

        @Override
        public Integer call() throws Exception {
            Precision precision = switch (dtype) {
                case "fp32" -> Precision.FP32;
                case "fp16" -> Precision.FP16;
                case "bf16" -> Precision.BF16;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--dtype must be fp32, fp16 or bf16, not " + dtype);
            };
            OnnxExport.convert(hf, out, precision);
            spec.commandLine().getOut().println("wrote " + out.resolve("model.onnx"));
            return 0;
        }
    }

    @Command(name = "native-libs", description = "Unpacks ONNX Runtime's native libraries into a directory, for --native-dir and"
            + " custodia.serving.native-dir, so that starts stop unpacking them (about 600 MB with the CUDA provider).")
    static final class NativeLibs implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the directory to unpack into")
        Path out;

        @Override
        public Integer call() throws Exception {
            for (Path written : NativeLibraries.extract(out)) {
                spec.commandLine().getOut().println("wrote " + written);
            }
            return 0;
        }
    }

    @Command(name = "generate", description = "Generates a completion for one user message with a converted model.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "a directory written by convert")
        Path model;

        @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the user's message")
        String prompt;

        @Option(names = "--max-tokens", paramLabel = "N", description = "at most this many tokens (default: 64)")
        int maxTokens = 64;

        @Option(names = "--temperature", paramLabel = "T", description = "0 for greedy (default: 0.8, as Apertus recommends)")
        double temperature = 0.8;

        @Option(names = "--top-p", paramLabel = "P", description = "nucleus mass (default: 0.9)")
        double topP = 0.9;

        @Option(names = "--seed", paramLabel = "S", description = "the sampling seed (default: 0)")
        long seed;

        @Option(names = "--device", paramLabel = "D", description = "cpu (default) or cuda; without a usable CUDA provider it says why and runs on the CPU")
        String device = "cpu";

        @Option(names = "--cuda-device", paramLabel = "N", description = "the CUDA device id (default: 0)")
        int cudaDevice;

        @Option(names = "--gpu-memory-mib", paramLabel = "MIB", description = "the most GPU memory the CUDA provider may take (default: no limit)")
        long gpuMemoryMib;

        @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime's CPU threads (default: one per core)")
        int threads;

        @Option(names = "--native-dir", paramLabel = "DIR",
                description = "load ONNX Runtime's native libraries from DIR, unpacking them there first if it is empty")
        Path nativeDir;

        @Override
        public Integer call() throws Exception {
            if (!device.equals("cpu") && !device.equals("cuda")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--device must be cpu or cuda, not " + device);
            }
            if (nativeDir != null) {
                NativeLibraries.use(nativeDir);
            }
            var config = ApertusConfig.read(model.resolve("config.json"));
            var tokenizer = Tokenizer.load(model.resolve("tokenizer.json"));
            int[] tokens = new ChatFormat().tokens(tokenizer, List.of(new ChatFormat.Message(ChatFormat.Role.USER, prompt)));
            var request = new Generator.Request(tokens, maxTokens, new Sampling(temperature, topP, 0, seed), ChatFormat.stopTokens(tokenizer, config.eosId()),
                    List.of());
            Devices.Loaded loaded = Devices.load(model.resolve("model.onnx"), config,
                    new Devices.Request(device.equals("cuda"), cudaDevice, gpuMemoryMib << 20, threads));
            spec.commandLine().getErr().println("running on " + loaded.placement().describe()
                    + NativeLibraries.loadedFrom().map(path -> "; ONNX Runtime loaded from " + path).orElse(""));
            try (var decoder = loaded.decoder()) {
                var out = spec.commandLine().getOut();
                var finished = new Generator(decoder, tokenizer).generate(request, piece -> {
                    out.print(piece);
                    out.flush();
                }, () -> false);
                out.printf("%n[%s, %d prompt tokens, %d completion tokens]%n", finished.reason().name().toLowerCase(),
                        finished.promptTokens(), finished.completionTokens());
            }
            return 0;
        }
    }
}
