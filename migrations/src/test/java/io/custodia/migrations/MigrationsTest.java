package io.custodia.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scripts apply cleanly to a real PostgreSQL 17, and scripts that may be applied somewhere never change. */
class MigrationsTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void migrate() throws IOException {
        // zonky's default wait, 10 s, is short for a first start on a busy two-core CI machine.
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        dataSource = postgres.getPostgresDatabase();
        var result = Flyway.configure().dataSource(dataSource).locations(Migrations.LOCATION).load().migrate();
        assertThat(result.success).isTrue();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void theSchemaHasItsTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("removal_request", "request_subject_key", "api_token", "audit_event");
        }
    }

    @Test
    void tokensMayBeForModelClientsButNoInventedRole() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_token (id, name, role, token_hash, created_at, created_by) VALUES "
                    + "(gen_random_uuid(), 'app', 'MODEL_CLIENT', '\\x01', now(), 'admin')");
            assertThatThrownBy(() -> s.execute("INSERT INTO api_token (id, name, role, token_hash, created_at, created_by) VALUES "
                    + "(gen_random_uuid(), 'app', 'ROOT', '\\x02', now(), 'admin')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("api_token_role_check");
        }
    }

    @Test
    void theAuditTableIsAppendOnly() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_event VALUES (1, now(), 'system', 'SYSTEM', 'TEST', NULL, '{}', repeat('0', 64), repeat('a', 64))");
            assertThatThrownBy(() -> s.execute("UPDATE audit_event SET actor = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_event")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("TRUNCATE audit_event")).hasMessageContaining("append-only");
        }
    }

    @Test
    void appliedScriptsAreUnchangedAndEveryScriptIsRecorded() throws Exception {
        Map<String, String> actual = scripts();
        Map<String, String> recorded = recorded();
        assertThat(actual.keySet()).allMatch(name -> Migrations.SCRIPT_NAME.matcher(name).matches());
        for (var entry : recorded.entrySet()) {
            assertThat(actual.get(entry.getKey()))
                    .as("%s was applied somewhere and must not change; add a new migration instead", entry.getKey())
                    .isEqualTo(entry.getValue());
        }
        assertThat(recorded.keySet())
                .as("record every new script's sha256 in applied-migrations.sha256 when it lands")
                .containsAll(actual.keySet());
    }

    private static Map<String, String> scripts() throws Exception {
        Path directory = Path.of(MigrationsTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, String> sums = new TreeMap<>();
            for (Path file : files.toList()) {
                sums.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
            return sums;
        }
    }

    private static Map<String, String> recorded() throws IOException {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/applied-migrations.sha256")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+", 2))
                    .collect(Collectors.toMap(parts -> parts[1].strip(), parts -> parts[0]));
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
