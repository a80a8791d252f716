package io.custodia.pii;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The PII output filter: validated detectors, applied to whole documents or to streams with the same result. */
public final class PiiFilter {

    /** Regions whose national phone formats are recognized when no country code is written. */
    public static final List<String> DEFAULT_REGIONS = List.of("CH", "DE", "FR", "IT", "AT", "GB", "US");

    private final PiiScanner scanner;
    private final RedactionPolicy policy;

    private PiiFilter(List<Detector> detectors, RedactionPolicy policy) {
        this.scanner = new PiiScanner(detectors);
        this.policy = policy;
    }

    /** All standard detectors, public IP addresses only, typed markers. */
    public static PiiFilter standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The outcome of filtering one document. */
    public sealed interface Outcome {
        Report report();

        record Redacted(String text, Report report) implements Outcome {}

        record Dropped(Report report) implements Outcome {}
    }

    /** The values in the text, in order, without overlaps. */
    public List<Span> scan(CharSequence text) {
        List<Span> spans = new ArrayList<>();
        char[] chars = text.toString().toCharArray();
        char[] view = CompatibilityForms.of(chars);
        scanner.scan(view, view == chars ? text : CharBuffer.wrap(view), 0, text.length(), text.length(), spans::add);
        return spans;
    }

    /**
     * Redacts a whole document; a value whose policy is DROP_DOCUMENT drops it instead. The same scan as
     * {@link #streaming()}, over the text in place: the property tests compare the two.
     */
    public Outcome redact(String text) {
        Redaction redaction = new Redaction(text.toCharArray());
        // Detectors read fullwidth and other compatibility forms as ASCII; the output keeps the text's own chars.
        char[] view = CompatibilityForms.of(redaction.chars);
        scanner.scan(view, view == redaction.chars ? text : CharBuffer.wrap(view), 0, text.length(), text.length(), redaction);
        if (redaction.drop) {
            return new Outcome.Dropped(redaction.report.build());
        }
        return new Outcome.Redacted(redaction.out == null ? text : redaction.finish(), redaction.report.build());
    }

    /** One document's redaction as the scan reports spans: the output is made only once there is something to replace. */
    private final class Redaction implements Consumer<Span> {
        private final char[] chars;
        private final Report.Builder report = new Report.Builder();
        private StringBuilder out;
        private int copied;
        private boolean drop;

        Redaction(char[] chars) {
            this.chars = chars;
        }

        @Override
        public void accept(Span span) {
            if (out == null) {
                out = new StringBuilder(chars.length + 16);
            }
            // From the array: StringBuilder.append(CharSequence, …) goes char by char through charAt.
            out.append(chars, copied, span.start() - copied).append(policy.replacement(span));
            copied = span.end();
            report.add(span, 0);
            drop |= policy.actionFor(span.type()) == RedactionPolicy.Action.DROP_DOCUMENT;
        }

        String finish() {
            return out.append(chars, copied, chars.length - copied).toString();
        }
    }

    public StreamingRedactor streaming() {
        return new StreamingRedactor(scanner, policy);
    }

    /** Chooses detectors, phone regions and the redaction policy. */
    public static final class Builder {
        private List<String> regions = DEFAULT_REGIONS;
        private boolean publicIpsOnly = true;
        private RedactionPolicy policy = RedactionPolicy.markers();
        private final List<Detector> extra = new ArrayList<>();

        public Builder phoneRegions(List<String> regions) {
            this.regions = List.copyOf(regions);
            return this;
        }

        public Builder publicIpsOnly(boolean publicOnly) {
            this.publicIpsOnly = publicOnly;
            return this;
        }

        public Builder policy(RedactionPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** Also redacts the names and other identifiers of a verified hash bundle. */
        public Builder bundle(Bundle bundle) {
            extra.add(new BundleDetector(bundle));
            return this;
        }

        /** Adds a detector of one's own; ties in length go to the standard detectors. */
        public Builder add(Detector detector) {
            extra.add(detector);
            return this;
        }

        public PiiFilter build() {
            List<Detector> detectors = new ArrayList<>(List.of(
                    new EmailDetector(), new IbanDetector(), new AhvDetector(), new PaymentCardDetector(),
                    new IpAddressDetector(publicIpsOnly), new PhoneDetector(regions)));
            detectors.addAll(extra);
            return new PiiFilter(detectors, policy);
        }
    }
}
