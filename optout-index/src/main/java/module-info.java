/** Exclusion rules, opt-out signal importers, Lucene exclusion indexes and corpus reconstruction; plain Java, no Spring. */
module io.custodia.optout {
    requires com.google.common;
    requires crawler.commons;
    requires org.apache.lucene.core;
    requires tools.jackson.databind;
    requires info.picocli;
    requires io.custodia.pii;
    requires com.github.luben.zstd_jni;
    requires java.logging;

    exports io.custodia.optout;
    exports io.custodia.optout.signals;
    exports io.custodia.optout.index;
    exports io.custodia.optout.reconstruct;

    opens io.custodia.optout.index to tools.jackson.databind;
    opens io.custodia.optout.reconstruct to tools.jackson.databind;
    opens io.custodia.optout.cli to info.picocli;
}
