package io.custodia.inference.checkpoint;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A Hugging Face checkpoint directory: {@code config.json} and one {@code model.safetensors} or shards listed in
 * {@code model.safetensors.index.json}, memory-mapped whole (files of any size, no copy until a tensor is read).
 * Closing it unmaps the files.
 */
public final class Checkpoint implements AutoCloseable {

    private static final long MAX_HEADER = 100L << 20;

    /** A tensor's place: its file's mapping, dtype, shape and byte range. */
    public record Tensor(String name, String dtype, long[] shape, MemorySegment data) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** The values as floats, whatever the stored dtype (F32, F16 or BF16). */
        public float[] floats() {
            long n = elements();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException(name + " has more elements than an array holds");
            }
            float[] out = new float[(int) n];
            ValueLayout.OfShort halfLe = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            switch (dtype) {
                case "F32" -> MemorySegment.copy(data, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, out, 0, out.length);
                case "BF16" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Float.intBitsToFloat((data.getAtIndex(halfLe, i) & 0xFFFF) << 16);
                    }
                }
                case "F16" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Float.float16ToFloat(data.getAtIndex(halfLe, i));
                    }
                }
                default -> throw new IllegalStateException(name + " is " + dtype + "; only F32, F16 and BF16 are read");
            }
            return out;
        }
    }

    private final Path dir;
    private final ApertusConfig config;
    private final Arena arena = Arena.ofShared();
    private final Map<String, Tensor> tensors = new TreeMap<>();

    private Checkpoint(Path dir) throws IOException {
        this.dir = dir;
        this.config = ApertusConfig.read(dir.resolve("config.json"));
        List<String> files = new ArrayList<>();
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.exists(index)) {
            JsonNode weightMap = ApertusConfig.JSON.readTree(index.toFile()).path("weight_map");
            weightMap.properties().forEach(e -> {
                if (!files.contains(e.getValue().asString())) {
                    files.add(e.getValue().asString());
                }
            });
        } else {
            files.add("model.safetensors");
        }
        try {
            for (String file : files) {
                if (file.contains("/") || file.contains("\\")) {
                    throw new IOException("shard name " + file + " points outside the checkpoint");
                }
                map(dir.resolve(file));
            }
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public static Checkpoint open(Path dir) throws IOException {
        return new Checkpoint(dir);
    }

    private void map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment whole = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            if (whole.byteSize() < 8) {
                throw new IOException(file.getFileName() + " is too short for a safetensors file");
            }
            long headerSize = whole.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerSize <= 0 || headerSize > MAX_HEADER || 8 + headerSize > whole.byteSize()) {
                throw new IOException(file.getFileName() + " has a header size out of range");
            }
            String header = new String(whole.asSlice(8, headerSize).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            MemorySegment body = whole.asSlice(8 + headerSize);
            JsonNode entries = ApertusConfig.JSON.readTree(header);
            for (var entry : entries.properties()) {
                if (entry.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = entry.getValue();
                long begin = t.path("data_offsets").path(0).asLong(-1);
                long end = t.path("data_offsets").path(1).asLong(-1);
                if (begin < 0 || end < begin || end > body.byteSize()) {
                    throw new IOException(file.getFileName() + ": " + entry.getKey() + " lies outside the file");
                }
                long[] shape = new long[t.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.path("shape").path(i).asLong();
                }
                tensors.put(entry.getKey(), new Tensor(entry.getKey(), t.path("dtype").asString(""), shape, body.asSlice(begin, end - begin)));
            }
        }
    }

    public ApertusConfig config() {
        return config;
    }

    public Path dir() {
        return dir;
    }

    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** A tensor by name, checked against the shape the config implies. */
    public Tensor tensor(String name, long... shape) throws IOException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IOException("the checkpoint has no tensor " + name);
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new IOException(name + " has shape " + java.util.Arrays.toString(t.shape()) + ", the config implies "
                    + java.util.Arrays.toString(shape));
        }
        return t;
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Writes tensors as one safetensors file: F32 or BF16, in the given order, offsets aligned to 8 bytes. */
    public static void write(Path file, Map<String, float[]> values, Map<String, long[]> shapes, String dtype) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        int width = dtype.equals("F32") ? 4 : 2;
        for (var e : values.entrySet()) {
            long size = (long) e.getValue().length * width;
            header.put(e.getKey(), Map.of("dtype", dtype, "shape", shapes.get(e.getKey()), "data_offsets", new long[] {offset, offset + size}));
            offset += size;
        }
        byte[] json = ApertusConfig.JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (float[] tensor : values.values()) {
            for (float v : tensor) {
                if (width == 4) {
                    out.putFloat(v);
                } else {
                    out.putShort(bf16(v));
                }
            }
        }
        Files.write(file, out.array());
    }

    /** Round to nearest even, as PyTorch converts fp32 to bf16. */
    static short bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) 0x7FC0;
        }
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return (short) (bits >>> 16);
    }
}
