/** Opt-out targets today; exclusion indexes and corpus reconstruction are planned. Plain Java, no Spring. */
module io.custodia.optout {
    requires com.google.common;

    exports io.custodia.optout;
}
