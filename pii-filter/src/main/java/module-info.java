/** PII detection, hash bundles and output filtering for Custodia; plain Java, no Spring. */
module io.custodia.pii {
    requires com.google.i18n.phonenumbers.libphonenumber;
    requires info.picocli;
    requires tools.jackson.databind;
    requires static jdk.incubator.vector;

    opens io.custodia.pii.cli to info.picocli;

    exports io.custodia.pii;
}
