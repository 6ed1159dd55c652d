package org.gridmap.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/problems.md and docs/api.md say what the service answers: the problem types (with their statuses) are the
 * ones the code defines, and every route of the generated OpenAPI document is in the API page.
 */
class DocsMatchTheCodeTest {
    static Path docs(String name) {
        for (Path p : List.of(Path.of("..", "docs", name), Path.of("docs", name))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("docs/" + name + " not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyProblemTypeIsDocumentedWithItsStatusAndNothingElseIs() throws IOException {
        Map<String, Integer> documented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `(/problems/[a-z0-9-]+)` \\| (\\d{3})\\b").matcher(
                Files.readString(docs("problems.md")));
        while (m.find()) {
            documented.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertEquals(new TreeSet<>(ProblemTypes.all().keySet()), new TreeSet<>(documented.keySet()),
                "problem types in the code vs docs/problems.md");
        ProblemTypes.all().forEach((type, status) -> assertEquals(status, documented.get(type), type));
    }

    /** "/tiles/{layer}.json" and "/tiles/{name}" are one route: placeholders (and what a placeholder ends with). */
    static String normal(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("\\{}\\.(json|mvt)", "{}").replaceAll("[?\\[].*$", "");
    }

    /** (METHOD path) pairs the API page documents: the first cell of its tables, `GET /a`, `/b` (same method). */
    static java.util.Set<String> documentedRoutes(String md) {
        java.util.Set<String> out = new TreeSet<>();
        Matcher inline = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^` ]*)").matcher(md);
        while (inline.find()) {
            out.add(inline.group(1) + " " + normal(inline.group(2)));
        }
        for (String line : md.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            String method = null;
            Matcher chunk = Pattern.compile("`(?:(GET|POST|PUT|DELETE|PATCH) )?(/[^`]*)`").matcher(cell);
            while (chunk.find()) {
                method = chunk.group(1) != null ? chunk.group(1) : method;
                for (String part : chunk.group(2).split(",\\s*")) {
                    if (method != null && part.startsWith("/")) {
                        out.add(method + " " + normal(part.strip()));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyRouteIsInTheApiPage() throws IOException {
        String yml;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/gridmap-0.1.yml")) {
            assertNotNull(in, "the OpenAPI document written by the build");
            yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.util.Set<String> documented = documentedRoutes(Files.readString(docs("api.md")));
        List<String> routes = new ArrayList<>();
        Matcher path = Pattern.compile("(?m)^  (/[^:]*):\\s*$").matcher(yml);
        List<int[]> spans = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        while (path.find()) {
            spans.add(new int[] {path.start(), path.end()});
            paths.add(path.group(1));
        }
        for (int k = 0; k < paths.size(); k++) {
            String block = yml.substring(spans.get(k)[1], k + 1 < paths.size() ? spans.get(k + 1)[0] : yml.length());
            Matcher method = Pattern.compile("(?m)^    (get|post|put|delete|patch):").matcher(block);
            while (method.find()) {
                routes.add(method.group(1).toUpperCase(java.util.Locale.ROOT) + " " + normal(paths.get(k)));
            }
        }
        assertTrue(routes.size() > 30, "routes read from the OpenAPI document: " + routes);
        List<String> missing = routes.stream().filter(r -> !documented.contains(r)).toList();
        assertTrue(missing.isEmpty(), "routes missing from docs/api.md: " + missing + "; documented: " + documented);
    }
}
