package io.custodia.pii.cli;

import java.io.BufferedReader;
import java.io.IOException;

/** The byte order mark that some tools write at the start of a UTF-8 file: part of the file, never of its first line. */
final class ByteOrderMark {

    private ByteOrderMark() {}

    /** The reader, past a byte order mark where its text starts with one. */
    static BufferedReader skip(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        return in;
    }
}
