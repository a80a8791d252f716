package io.custodia.inference.onnx;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Turns off the usage telemetry that ONNX Runtime 1.29 collects on Linux by default. Its native environment then
 * writes a device id and an event database under ~/.cache/Microsoft/DeveloperTools, tries to upload them to Microsoft
 * over HTTPS, and reads /proc/self/cmdline into a buffer that overflows (a crash, SIGSEGV) when the command line is
 * longer than about 4 KB, as a Maven-launched classpath is. ONNX Runtime reads its switch, the environment variable
 * {@code ORT_DISABLE_TELEMETRY}, once, when its environment is created, so it is set in this process (through libc's
 * {@code setenv}, as Java cannot) before ONNX Runtime is first used.
 */
public final class OrtTelemetry {

    static final String VARIABLE = "ORT_DISABLE_TELEMETRY";
    private static volatile boolean disabled;

    private OrtTelemetry() {}

    /** Idempotent; every path in this module that starts ONNX Runtime calls it first. */
    public static synchronized void disableBeforeFirstUse() {
        if (disabled) {
            return;
        }
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> setenv = linker.defaultLookup().find("setenv");
        if (setenv.isEmpty()) {
            // Not POSIX: ONNX Runtime's telemetry there goes through the platform's own switch (Windows' ETW settings).
            disabled = true;
            return;
        }
        MethodHandle call = linker.downcallHandle(setenv.get(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int status = (int) call.invokeExact(arena.allocateFrom(VARIABLE), arena.allocateFrom("1"), 1);
            if (status != 0) {
                throw new IllegalStateException("setenv(" + VARIABLE + ") failed with " + status);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot set " + VARIABLE, e);
        }
        disabled = true;
    }
}
