package io.custodia.governance.platform;

import java.io.IOException;

/** Raised while reading a body that exceeds the configured limit, after the limit, before any further byte is buffered. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes.");
    }
}
