package org.gridmap.vocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each domain word has one definition (issue 10): the Java enums and the reference tables agree, and the check that
 * runs at start names any difference; the web map holds no copy (it reads GET /api/vocabulary, and its unit tests
 * run on a fixture that must equal what the server gives); no SQL file lists a vocabulary's codes again.
 */
@MicronautTest(transactional = false)
class VocabularyTest extends PostgisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ADMIN_LEVELS = Set.of("CITY", "COUNTY", "STREET", "COMMUNITY");
    private static final Path FIXTURE = Path.of("..", "web", "src", "test", "js", "vocabulary.json");

    @Inject
    Vocabularies vocabularies;
    @Inject
    EmbeddedServer server;
    @Inject
    DataSource ds;

    @Test
    void javaAndTheDatabaseAgreeAndADifferenceIsNamed() {
        assertEquals(List.of(), vocabularies.check());
        // each kind of difference, made in the database and undone
        tampered("UPDATE ticket_status SET open = NOT open WHERE code = 'RETURNED'",
                "UPDATE ticket_status SET open = true WHERE code = 'RETURNED'", "ticket_status.open of RETURNED");
        tampered("UPDATE ticket_level SET next = 'DEPARTMENT' WHERE code = 'COMMUNITY'",
                "UPDATE ticket_level SET next = 'STREET' WHERE code = 'COMMUNITY'", "ticket_level.next of COMMUNITY");
        tampered("UPDATE risk_color SET hex = '#000000' WHERE code = 'RED'",
                "UPDATE risk_color SET hex = '#d73027' WHERE code = 'RED'", "risk_color.hex of RED");
        tampered("UPDATE warning_level SET zh = 'Ⅱ级' WHERE code = 'II'",
                "UPDATE warning_level SET zh = 'Ⅱ级（橙）' WHERE code = 'II'", "warning_level.zh of II");
        tampered("UPDATE vulnerable_kind SET column_name = 'members' WHERE code = 'SICK'",
                "UPDATE vulnerable_kind SET column_name = 'sick' WHERE code = 'SICK'", "vulnerable_kind.column_name of SICK");
        assertEquals(List.of(), vocabularies.check(), "restored");
    }

    private void tampered(String change, String undo, String expected) {
        Sql.exec(ds, change);
        try {
            List<String> problems = vocabularies.check();
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), expected + " in " + problems);
        } finally {
            Sql.exec(ds, undo);
        }
    }

    @Test
    void theWebTestsRunOnWhatTheServerGives() throws IOException {
        Api.Response r = new Api(server.getURI()).get("/api/vocabulary", null);
        assertEquals(200, r.status(), "public: the page reads it before login");
        JsonNode served = JSON.readTree(r.body());
        if ("1".equals(System.getenv("GRIDMAP_WRITE_FIXTURES"))) {
            Files.writeString(FIXTURE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        assertEquals(served, JSON.readTree(Files.readString(FIXTURE)), FIXTURE + " differs from GET /api/vocabulary; "
                + "run this test with GRIDMAP_WRITE_FIXTURES=1 to write it again");
        assertEquals(4, served.get("risk_colors").size());
        assertEquals("RED", served.get("risk_colors").get(0).get("code").asText(), "most urgent first");
        assertEquals(500, served.get("household_band").get("urban_max_households").asInt());
    }

    @Test
    void noCopiesInTheWebOrInSql() throws IOException {
        JsonNode served = JSON.readTree(new Api(server.getURI()).get("/api/vocabulary", null).body());
        List<String> offences = new ArrayList<>();
        Set<String> hexes = new TreeSet<>();
        List<Set<String>> vocabularies = new ArrayList<>();
        served.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                Set<String> codes = new TreeSet<>();
                e.getValue().forEach(w -> {
                    codes.add(w.get("code").asText());
                    if (w.has("hex")) {
                        hexes.add(w.get("hex").asText().toLowerCase());
                    }
                });
                vocabularies.add(codes);
            }
        });
        Path web = Path.of("..", "web", "src", "main", "resources", "public");
        Path sql = Path.of("src", "main", "resources");
        for (Path root : List.of(web, sql)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().matches(".*\\.(js|css|html|sql)$")).toList()) {
                    String name = f.getFileName().toString();
                    if (name.matches("V\\d+__.*") || f.toString().contains("/vendor/")) {
                        continue; // the migrations that seed the reference tables are the definition
                    }
                    List<String> lines = Files.readAllLines(f);
                    for (int k = 0; k < lines.size(); k++) {
                        String line = lines.get(k);
                        String lower = line.toLowerCase();
                        for (String hex : hexes) {
                            if (!f.toString().endsWith(".sql") && lower.contains(hex)) {
                                offences.add(f + ":" + (k + 1) + " repeats the colour " + hex);
                            }
                        }
                        for (Set<String> codes : vocabularies) {
                            // admin_area's levels (COUNTY, STREET, COMMUNITY) are another list whose codes coincide
                            long n = codes.stream().filter(c -> line.contains("'" + c + "'"))
                                    .filter(c -> !ADMIN_LEVELS.contains(c)).count();
                            if (n >= 2) {
                                offences.add(f + ":" + (k + 1) + " lists codes of " + codes + ": " + line.strip());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offences, "read the words from GET /api/vocabulary (web) or join the reference table (SQL)");
    }
}
