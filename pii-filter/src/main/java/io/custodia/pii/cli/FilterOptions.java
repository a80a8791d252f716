package io.custodia.pii.cli;

import io.custodia.pii.Bundle;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.PiiType;
import io.custodia.pii.RedactionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the filter is set up: phone regions, private addresses, the redaction policy and an optional bundle. */
final class FilterOptions {

    @Option(names = "--region", split = ",", paramLabel = "CC",
            description = "regions whose national phone formats are read (default: CH,DE,FR,IT,AT,GB,US)")
    List<String> regions = PiiFilter.DEFAULT_REGIONS;

    @Option(names = "--private-ips", description = "also find private, loopback and documentation IP addresses")
    boolean privateIps;

    @Option(names = "--policy", paramLabel = "TYPE=ACTION", split = ",",
            description = "per type MARKER (default), MASK or DROP_DOCUMENT, e.g. --policy IBAN=DROP_DOCUMENT,PHONE=MASK")
    Map<PiiType, RedactionPolicy.Action> policy = Map.of();

    @Option(names = "--bundle", paramLabel = "FILE", description = "also redact the entries of this signed hash bundle")
    Path bundle;

    @Option(names = "--public-key", paramLabel = "FILE", description = "the PEM public key that signed the bundle")
    Path publicKey;

    @Option(names = "--allow-stale", description = "use a bundle past its valid-until date (default: refuse it)")
    boolean allowStale;

    PiiFilter filter() throws Exception {
        var supported = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();
        List<String> checked = regions.stream().map(r -> r.strip().toUpperCase(java.util.Locale.ROOT)).toList();
        for (String region : checked) {
            if (!supported.contains(region)) {
                throw new PiiFilterCli.BadInput("--region " + region + " is not a region libphonenumber knows (use ISO 3166 codes such as CH)");
            }
        }
        PiiFilter.Builder builder = PiiFilter.builder()
                .phoneRegions(checked)
                .publicIpsOnly(!privateIps)
                .policy(new RedactionPolicy(policy));
        if (bundle != null) {
            builder.bundle(load(bundle, publicKey, allowStale));
        }
        return builder.build();
    }

    static Bundle load(Path bundle, Path publicKey, boolean allowStale) throws Exception {
        if (publicKey == null) {
            throw new PiiFilterCli.BadInput("--bundle needs --public-key to check its signature");
        }
        if (!Files.isReadable(bundle)) {
            throw new PiiFilterCli.BadInput("cannot read " + bundle);
        }
        return switch (Bundle.load(Files.readAllBytes(bundle), Keys.readPublic(publicKey), Clock.systemUTC())) {
            case Bundle.Loading.Rejected rejected -> throw new PiiFilterCli.BadInput("bundle rejected: " + rejected.reason());
            case Bundle.Loading.Loaded loaded when loaded.stale() && !allowStale -> throw new PiiFilterCli.BadInput(
                    "bundle " + loaded.bundle().header().get("bundle-version") + " is stale (valid until "
                            + loaded.bundle().header().get("valid-until") + "); get a newer one or pass --allow-stale");
            case Bundle.Loading.Loaded loaded -> loaded.bundle();
        };
    }
}
