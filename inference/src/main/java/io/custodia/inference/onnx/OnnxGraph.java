package io.custodia.inference.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds an ONNX graph node by node and writes it as a model (onnx.proto field numbers, opset 23). */
final class OnnxGraph {

    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int BOOL = 9;

    OnnxGraph(Precision precision) {
        this.precision = precision;
    }

    private final List<Protobuf> nodes = new ArrayList<>();
    private final List<Protobuf> initializers = new ArrayList<>();
    private final List<Protobuf> inputs = new ArrayList<>();
    private final List<Protobuf> outputs = new ArrayList<>();
    private int names;
    /** The format float initializers are written in. */
    private final Precision precision;
    /** Where large initializers go instead of the model file, or null to keep every initializer inline. */
    private ExternalData external;

    /**
     * The file beside the model that initializers above a size are written to as they are added, so that neither the
     * 2 GB protobuf limit nor the heap bounds the model: the ONNX external-data convention, offsets aligned to 4096.
     */
    static final class ExternalData implements AutoCloseable {
        final String location;
        final long threshold;
        private final java.nio.channels.FileChannel channel;
        private long offset;

        ExternalData(java.nio.file.Path file, long threshold) throws java.io.IOException {
            this.location = file.getFileName().toString();
            this.threshold = threshold;
            this.channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
        }

        /** Appends the floats, little-endian, at the next aligned offset and returns that offset; tensors may pass 2 GB. */
        long append(float[] values, Precision precision) throws java.io.IOException {
            long at = (offset + 4095) / 4096 * 4096;
            channel.position(at);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 24).order(ByteOrder.LITTLE_ENDIAN);
            int perChunk = chunk.capacity() / precision.bytes;
            for (int from = 0; from < values.length; from += perChunk) {
                int n = Math.min(perChunk, values.length - from);
                chunk.clear();
                precision.put(chunk, values, from, n);
                chunk.flip();
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            offset = channel.position();
            return at;
        }

        @Override
        public void close() throws java.io.IOException {
            channel.close();
        }
    }

    void external(ExternalData data) {
        this.external = data;
    }

    /** A node with one output, named after its op; returns the output's name. */
    String node(String op, Map<String, Object> attributes, String... in) {
        String out = op.toLowerCase() + "_" + names++;
        node(op, attributes, in, new String[] {out});
        return out;
    }

    void node(String op, Map<String, Object> attributes, String[] in, String[] out) {
        Protobuf node = new Protobuf();
        for (String name : in) {
            node.string(1, name);
        }
        for (String name : out) {
            node.string(2, name);
        }
        node.string(3, op + "_" + names++).string(4, op);
        attributes.forEach((name, value) -> node.message(5, attribute(name, value)));
        nodes.add(node);
    }

    private static Protobuf attribute(String name, Object value) {
        Protobuf a = new Protobuf().string(1, name);
        switch (value) {
            case Integer i -> a.varint(3, i).varint(20, 2);
            case Long l -> a.varint(3, l).varint(20, 2);
            case Float f -> a.fixed32(2, f).varint(20, 1);
            case Double d -> a.fixed32(2, d.floatValue()).varint(20, 1);
            case long[] ints -> {
                for (long i : ints) {
                    a.varint(8, i);
                }
                a.varint(20, 7);
            }
            default -> throw new IllegalArgumentException("attribute " + name + " of unsupported type " + value.getClass());
        }
        return a;
    }

    /** Float data as an fp32 initializer whatever the graph's precision, for the parts that compute in fp32. */
    void initializerFp32(String name, float[] data, long... dims) {
        initializer(name, data, Precision.FP32, dims);
    }

    /** Float data as an initializer in the graph's precision. */
    void initializer(String name, float[] data, long... dims) {
        initializer(name, data, precision, dims);
    }

    private void initializer(String name, float[] data, Precision precision, long... dims) {
        long bytes = (long) data.length * precision.bytes;
        if (external != null && bytes >= external.threshold) {
            try {
                long offset = external.append(data, precision);
                Protobuf t = new Protobuf();
                for (long d : dims) {
                    t.varint(1, d);
                }
                t.varint(2, precision.onnxType).string(8, name);
                for (String[] entry : new String[][] {{"location", external.location}, {"offset", Long.toString(offset)},
                    {"length", Long.toString(bytes)}}) {
                    t.message(13, new Protobuf().string(1, entry[0]).string(2, entry[1]));
                }
                initializers.add(t.varint(14, 1));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        ByteBuffer raw = ByteBuffer.allocate(data.length * precision.bytes).order(ByteOrder.LITTLE_ENDIAN);
        precision.put(raw, data, 0, data.length);
        initializers.add(tensor(name, precision.onnxType, raw.array(), dims));
    }

    void initializer(String name, long[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        initializers.add(tensor(name, INT64, raw.array(), dims));
    }

    private static Protobuf tensor(String name, int type, byte[] raw, long... dims) {
        Protobuf t = new Protobuf();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    /** A graph input or output; a dimension is a Long (fixed) or a String (symbolic, such as "batch"). */
    void input(String name, int type, Object... dims) {
        inputs.add(valueInfo(name, type, dims));
    }

    void output(String name, int type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
    }

    private static Protobuf valueInfo(String name, int type, Object... dims) {
        Protobuf shape = new Protobuf();
        for (Object dim : dims) {
            shape.message(1, dim instanceof String symbol ? new Protobuf().string(2, symbol) : new Protobuf().varint(1, ((Number) dim).longValue()));
        }
        Protobuf tensorType = new Protobuf().varint(1, type).message(2, shape);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
    }

    byte[] model(String name, int opset) {
        Protobuf graph = new Protobuf();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        return new Protobuf()
                .varint(1, 11)
                .string(2, "custodia")
                .message(7, graph)
                .message(8, new Protobuf().string(1, "").varint(2, opset))
                .toByteArray();
    }
}
