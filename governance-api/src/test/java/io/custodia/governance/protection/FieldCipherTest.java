package io.custodia.governance.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.governance.platform.PlatformProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class FieldCipherTest {

    @TempDir
    Path dataDir;

    private MasterKey generated() {
        return new MasterKey(new EncryptionProperties(null), new PlatformProperties(dataDir, URI.create("http://x"), DataSize.ofMegabytes(1), 1));
    }

    @Test
    void sealedTextOpensOnlyWithTheSameKeyAndContext() {
        FieldCipher cipher = new FieldCipher(generated());
        byte[] sealed = cipher.seal("jane@example.org", "row:1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("jane");
        assertThat(cipher.open(sealed, "row:1")).isEqualTo("jane@example.org");
        assertThatThrownBy(() -> cipher.open(sealed, "row:2")).isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(sealed, "row:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theGeneratedKeyFileIsReusedAndPrivate() throws Exception {
        byte[] first = new FieldCipher(generated()).seal("x", "c");
        assertThat(new FieldCipher(generated()).open(first, "c")).isEqualTo("x");
        Path file = dataDir.resolve("keys/master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredKeyWinsAndABadOneIsRefused() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        PlatformProperties platform = new PlatformProperties(dataDir, URI.create("http://x"), DataSize.ofMegabytes(1), 1);
        new MasterKey(new EncryptionProperties(key), platform);
        assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
        assertThatThrownBy(() -> new MasterKey(new EncryptionProperties("c2hvcnQ="), platform))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void keyedHashesAreStableSeparatedByDomainAndKeyDependent() {
        KeyedHash hash = new KeyedHash(generated());
        assertThat(hash.of("a", "v")).isEqualTo(hash.of("a", "v")).isNotEqualTo(hash.of("b", "v"));
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        KeyedHash otherKey = new KeyedHash(new MasterKey(new EncryptionProperties(other),
                new PlatformProperties(dataDir, URI.create("http://x"), DataSize.ofMegabytes(1), 1)));
        assertThat(otherKey.of("a", "v")).isNotEqualTo(hash.of("a", "v"));
    }
}
