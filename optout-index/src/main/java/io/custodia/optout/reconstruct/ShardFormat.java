package io.custodia.optout.reconstruct;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The shard files a reconstruction reads, by name; outputs keep their input's format and compression. */
enum ShardFormat {
    JSONL(".jsonl"),
    GZIP(".jsonl.gz"),
    ZSTD(".jsonl.zst"),
    /** Columnar, read and written by {@link ParquetShard}, not through streams. */
    PARQUET(".parquet");

    final String suffix;

    ShardFormat(String suffix) {
        this.suffix = suffix;
    }

    static Optional<ShardFormat> of(Path file) {
        String name = file.getFileName().toString();
        for (ShardFormat format : values()) {
            if (name.endsWith(format.suffix)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    InputStream decode(InputStream in) throws IOException {
        return switch (this) {
            case JSONL -> in;
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new ZstdInputStream(in);
            case PARQUET -> throw new IllegalStateException("Parquet is not read as a stream");
        };
    }

    /**
     * Encoders that write the same bytes for the same input every time: gzip with no timestamp, zstd single-threaded
     * at the given level.
     */
    OutputStream encode(OutputStream out, int zstdLevel) throws IOException {
        return switch (this) {
            case JSONL -> out;
            case GZIP -> new GZIPOutputStream(out, 1 << 16);
            case ZSTD -> new ZstdOutputStream(out, zstdLevel);
            case PARQUET -> throw new IllegalStateException("Parquet is not written as a stream");
        };
    }
}
