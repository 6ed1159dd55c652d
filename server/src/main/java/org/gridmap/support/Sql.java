package org.gridmap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** SQL lives in .sql files under {@code src/main/resources/sql/<feature>/}; this loads and caches them. */
public final class Sql {
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private Sql() {}

    /** Whether {@code sql/<name>.sql} exists. */
    public static boolean exists(String name) {
        return CACHE.containsKey(name) || Sql.class.getResource("/sql/" + name + ".sql") != null;
    }

    /** The statements of a multi-statement file, split at semicolons that end a line. */
    public static java.util.List<String> statements(String name) {
        return java.util.Arrays.stream(get(name).split(";\\s*\\n")).map(String::strip)
                .filter(s -> !s.isEmpty() && !s.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank()))
                .toList();
    }

    /** @param name path under {@code sql/} without the extension, e.g. {@code "admin/area_summary"} */
    public static String get(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Sql.class.getResourceAsStream("/sql/" + n + ".sql")) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource sql/" + n + ".sql");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
