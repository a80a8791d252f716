/** PII detection, hash bundles and output filtering for Custodia; plain Java, no Spring. */
module io.custodia.pii {
    requires com.google.i18n.phonenumbers.libphonenumber;

    exports io.custodia.pii;
}
