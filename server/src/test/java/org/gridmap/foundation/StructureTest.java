package org.gridmap.foundation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout rules of docs/architecture.md, read off the source: SQL lives in .sql files and only repositories run
 * it; every SQL file a repository names exists and every SQL file is used; nothing in the product names the sample
 * district. A new class that breaks a rule fails here with its name and line.
 */
class StructureTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path SQL = Path.of("src", "main", "resources", "sql");

    /** The two classes that are the JDBC plumbing the repositories use. */
    private static final List<String> PLUMBING = List.of("org/gridmap/support/Sql.java", "org/gridmap/support/Copy.java");

    /** Running SQL: only repositories do it. */
    private static final Pattern RUNS_SQL = Pattern.compile(
            "\\.(prepareStatement|createStatement|prepareCall)\\(|new Copy\\(|\\bSql\\.(get|statements|exists)\\(");

    /** A string literal that starts like a statement or a clause. */
    private static final Pattern SQL_TEXT = Pattern.compile(
            "\"\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|COPY|LISTEN|NOTIFY|ANALYZE|TRUNCATE|CALL|SET "
                    + "LOCAL|AND|OR|WHERE|ORDER BY|GROUP BY|LIMIT|JOIN|FROM)\\s+[^\"]*\"");

    @Test
    void onlyRepositoriesHoldOrRunSql() {
        List<String> offences = new ArrayList<>();
        for (Path f : javaFiles()) {
            String rel = MAIN.relativize(f).toString().replace('\\', '/');
            if (rel.endsWith("Repository.java") || PLUMBING.contains(rel)) {
                continue;
            }
            List<String> lines = read(f);
            for (int k = 0; k < lines.size(); k++) {
                String line = lines.get(k);
                if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
                    continue; // comments may talk about SQL
                }
                if (RUNS_SQL.matcher(line).find() || SQL_TEXT.matcher(line).find()) {
                    offences.add(rel + ":" + (k + 1) + ": " + line.strip());
                }
            }
        }
        assertEquals(List.of(), offences, "SQL outside a *Repository class (move it to a .sql file under "
                + "src/main/resources/sql/<feature>/ and run it from the feature's repository)");
    }

    @Test
    void theRuleCatchesWhatItIsFor() {
        // the patterns themselves, on lines like the ones the refactoring removed
        assertTrue(RUNS_SQL.matcher("try (PreparedStatement ps = c.prepareStatement(\"x\")) {").find());
        assertTrue(RUNS_SQL.matcher("String q = Sql.get(\"ticket/list\");").find());
        assertTrue(SQL_TEXT.matcher("where.append(\" AND t.grid_code = ?\");").find());
        assertTrue(SQL_TEXT.matcher("st.execute(\"SELECT pg_advisory_xact_lock(1)\");").find());
        assertTrue(!SQL_TEXT.matcher("throw invalidParameter(\"grid\", \"must be a 15-digit grid code\");").find());
        assertTrue(!SQL_TEXT.matcher("tickets.event(c, id, who, \"CREATE\", null);").find(), "an action's name");
    }

    @Test
    void everySqlFileNamedExistsAndEveryFileIsUsed() {
        StringBuilder all = new StringBuilder();
        for (Path f : javaFiles()) {
            all.append(String.join("\n", read(f))).append('\n');
        }
        String java = all.toString();
        List<String> missing = new ArrayList<>();
        Matcher m = Pattern.compile("Sql\\.(?:get|statements)\\(\"([a-z0-9_/]+)\"\\)").matcher(java);
        while (m.find()) {
            if (!Files.exists(SQL.resolve(m.group(1) + ".sql"))) {
                missing.add(m.group(1));
            }
        }
        assertEquals(List.of(), missing, "SQL files named in Java but not under src/main/resources/sql");
        List<String> unused = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SQL)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String rel = SQL.relativize(f).toString().replace('\\', '/').replaceAll("\\.sql$", "");
                String name = rel.substring(rel.indexOf('/') + 1);
                boolean byKind = rel.startsWith("imports/") && (name.endsWith("_upsert") || name.endsWith("_check"));
                if (!java.contains("\"" + rel + "\"") && !java.contains("\"" + name + "\"") && !byKind) {
                    unused.add(rel);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), unused, "SQL files no Java names (dead SQL)");
    }

    @Test
    void nothingInTheProductNamesTheSampleDistrict() throws IOException {
        List<String> hits = new ArrayList<>();
        Pattern names = Pattern.compile("220802|Baicheng|白城");
        for (Path root : List.of(Path.of("src", "main"), Path.of("..", "web", "src", "main"))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String rel = f.toString().replace('\\', '/');
                    if (rel.contains("/org/gridmap/sample/") || rel.contains("/sql/sample/")) {
                        continue; // the sample loader is the one place that knows the sample
                    }
                    List<String> lines;
                    try {
                        lines = Files.readAllLines(f);
                    } catch (java.nio.charset.MalformedInputException e) {
                        continue; // binary (images)
                    }
                    for (int k = 0; k < lines.size(); k++) {
                        if (names.matcher(lines.get(k)).find()) {
                            hits.add(rel + ":" + (k + 1) + ": " + lines.get(k).strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), hits, "the product names the sample district; read it from the data or from "
                + "gridmap.deployment.* instead");
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
