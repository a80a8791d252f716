/** Exclusion rules and indexes for corpus reconstruction; plain Java, no Spring. */
module io.custodia.optout {
    requires com.google.common;

    exports io.custodia.optout;
}
