package io.custodia.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ONNX Runtime's native libraries unpacked once into a directory that every later start loads from. Without one, ONNX
 * Runtime copies them from its jar into a new temporary directory at each start, which for the CUDA provider is
 * about 600 MB, and leaves that directory behind after a crash.
 */
public final class NativeLibraries {

    /** The system property ONNX Runtime reads, once, when it first loads. */
    public static final String PROPERTY = "onnxruntime.native.path";
    /** What ONNX Runtime's Java binding loads itself; provider libraries are loaded by the runtime when asked for. */
    private static final List<String> REQUIRED = List.of("onnxruntime", "onnxruntime4j_jni");
    private static final List<String> PROVIDERS = List.of("onnxruntime_providers_shared", "onnxruntime_providers_cuda",
            "onnxruntime_providers_tensorrt");

    /** Which ONNX Runtime build the directory was filled from: a directory from another build is filled again. */
    static final String STAMP = ".custodia-onnxruntime";

    private NativeLibraries() {}

    /** The build of the ONNX Runtime jar on the class path (its commit) and whether it carries the CUDA provider. */
    static String build() throws IOException {
        String commit;
        try (InputStream in = OrtEnvironment.class.getResourceAsStream("/GIT_COMMIT_ID")) {
            commit = in != null ? new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip()
                    : String.valueOf(OrtEnvironment.class.getPackage().getImplementationVersion());
        }
        boolean cuda = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform() + "/"
                + System.mapLibraryName("onnxruntime_providers_cuda")) != null;
        return commit + (cuda ? " gpu" : " cpu");
    }

    /**
     * Copies the libraries the ONNX Runtime jar on the class path carries for this platform into {@code dir}, each
     * through a temporary file and an atomic rename so that a start that reads the directory meanwhile never loads
     * half a library. Returns the files written.
     */
    public static List<Path> extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        String platform = "/ai/onnxruntime/native/" + platform() + "/";
        List<Path> written = new ArrayList<>();
        for (String library : concat(REQUIRED, PROVIDERS)) {
            String file = System.mapLibraryName(library);
            try (InputStream in = OrtEnvironment.class.getResourceAsStream(platform + file)) {
                if (in == null) {
                    if (REQUIRED.contains(library)) {
                        throw new IOException("the ONNX Runtime jar has no " + file + " for " + platform() + "");
                    }
                    continue;
                }
                Path draft = Files.createTempFile(dir, file, ".part");
                Files.copy(in, draft, StandardCopyOption.REPLACE_EXISTING);
                Files.move(draft, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                written.add(dir.resolve(file));
            }
        }
        // Written last: a directory whose stamp matches was filled completely.
        Files.writeString(dir.resolve(STAMP), build() + "\n");
        return written;
    }

    /** Whether {@code dir} holds the libraries ONNX Runtime's Java binding needs, from the build on the class path. */
    public static boolean present(Path dir) throws IOException {
        Path stamp = dir.resolve(STAMP);
        return REQUIRED.stream().allMatch(library -> Files.isRegularFile(dir.resolve(System.mapLibraryName(library))))
                && Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(build());
    }

    /**
     * Makes ONNX Runtime load from {@code dir}, unpacking into it first when it is empty or holds another build's
     * libraries (after an upgrade, or a switch between the CPU and GPU artifacts). Takes effect only if ONNX
     * Runtime has not been loaded in this JVM yet; {@link #loadedFrom()} tells what happened.
     */
    public static void use(Path dir) throws IOException {
        OrtTelemetry.disableBeforeFirstUse();
        if (!present(dir)) {
            extract(dir);
        }
        System.setProperty(PROPERTY, dir.toAbsolutePath().toString());
    }

    /** The file the ONNX Runtime library in this process was mapped from (Linux only: read from /proc/self/maps). */
    public static Optional<Path> loadedFrom() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        String name = "/" + System.mapLibraryName("onnxruntime");
        try (var lines = Files.lines(maps)) {
            return lines.map(line -> line.substring(line.lastIndexOf(' ') + 1)).filter(path -> path.endsWith(name))
                    .findFirst().map(Path::of);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux";
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return osPart + "-" + archPart;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
