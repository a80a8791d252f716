package io.custodia.optout.reconstruct;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet shard, as FineWeb ships them: rows with a string {@code text} and, usually, {@code id} and {@code url}.
 * Kept rows go to a Parquet file of the same schema and compression, with {@code text} redacted where needed; a row
 * without a string {@code text} is quarantined with its row number.
 */
final class ParquetShard {

    private final Reconstruction reconstruction;

    ParquetShard(Reconstruction reconstruction) {
        this.reconstruction = reconstruction;
    }

    void process(Path source, Path keptTmp, Path removedTmp, Path quarantineTmp, Reconstruction.Counts counts)
            throws IOException {
        var options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(source), options);
                Writer removed = Reconstruction.writer(Files.newOutputStream(removedTmp));
                Writer quarantine = Reconstruction.writer(Files.newOutputStream(quarantineTmp))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            CompressionCodecName codec = reader.getFooter().getBlocks().isEmpty()
                    ? CompressionCodecName.UNCOMPRESSED
                    : reader.getFooter().getBlocks().getFirst().getColumns().getFirst().getCodec();
            int text = stringField(schema, "text");
            int url = stringField(schema, "url");
            int id = schema.containsField("id") && schema.getType("id").isPrimitive() ? schema.getFieldIndex("id") : -1;
            try (ParquetWriter<Group> kept = ExampleParquetWriter.builder(new LocalOutputFile(keptTmp))
                    .withConf(new PlainParquetConfiguration()).withType(schema).withCompressionCodec(codec)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                long row = 0;
                for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                    RecordReader<Group> rows = new ColumnIOFactory().getColumnIO(schema).getRecordReader(group, new GroupRecordConverter(schema));
                    for (long r = 0; r < group.getRowCount(); r++) {
                        Group document = rows.read();
                        row++;
                        if (text < 0 || document.getFieldRepetitionCount(text) != 1) {
                            reconstruction.quarantine(quarantine, counts, row, "needs a string 'text'", document.toString(), null);
                            continue;
                        }
                        counts.documents++;
                        String address = url >= 0 && document.getFieldRepetitionCount(url) == 1 ? document.getString(url, 0) : null;
                        String identifier = id >= 0 && document.getFieldRepetitionCount(id) == 1 ? document.getValueToString(id, 0) : null;
                        switch (reconstruction.decide(address, document.getString(text, 0))) {
                            case Reconstruction.Fate.Removed gone -> Reconstruction.removed(removed, counts, identifier, address, gone);
                            case Reconstruction.Fate.Redacted redacted -> {
                                kept.write(withText(document, schema, text, redacted.text()));
                                counts.kept++;
                                counts.redacted++;
                            }
                            case Reconstruction.Fate.Unchanged unchanged -> {
                                kept.write(document);
                                counts.kept++;
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException notParquet) {
            // The Parquet reader signals a damaged file with unchecked exceptions of many kinds.
            throw new IOException("not a valid Parquet file: " + notParquet.getMessage(), notParquet);
        }
    }

    /** The index of a top-level string field, or -1. */
    private static int stringField(MessageType schema, String name) {
        if (!schema.containsField(name) || !schema.getType(name).isPrimitive()) {
            return -1;
        }
        PrimitiveType type = schema.getType(name).asPrimitiveType();
        return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY && !type.isRepetition(Type.Repetition.REPEATED)
                ? schema.getFieldIndex(name) : -1;
    }

    /** A copy of the row with another text; every other field as it was. */
    private static Group withText(Group document, GroupType schema, int text, String replacement) {
        SimpleGroup copy = new SimpleGroup(schema);
        for (int field = 0; field < schema.getFieldCount(); field++) {
            for (int i = 0; i < document.getFieldRepetitionCount(field); i++) {
                if (field == text) {
                    copy.add(field, replacement);
                    continue;
                }
                Type type = schema.getType(field);
                if (!type.isPrimitive()) {
                    copy.add(field, document.getGroup(field, i));
                    continue;
                }
                switch (type.asPrimitiveType().getPrimitiveTypeName()) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> copy.add(field, document.getBinary(field, i));
                    case INT32 -> copy.add(field, document.getInteger(field, i));
                    case INT64 -> copy.add(field, document.getLong(field, i));
                    case INT96 -> copy.add(field, document.getInt96(field, i));
                    case FLOAT -> copy.add(field, document.getFloat(field, i));
                    case DOUBLE -> copy.add(field, document.getDouble(field, i));
                    case BOOLEAN -> copy.add(field, document.getBoolean(field, i));
                }
            }
        }
        return copy;
    }
}
