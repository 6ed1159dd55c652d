package org.gridmap.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gridmap server as a separate operating-system process (the test JVM's classpath), so a test can kill it with
 * SIGKILL as an operator or the OOM killer would. Its output goes to a log file kept for inspection.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServerProcess start(String dbUrl, Map<String, String> env) {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("gridmap-server-", ".log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-Duser.timezone=Asia/Shanghai", "-cp", System.getProperty("java.class.path"),
                    "org.gridmap.Application"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("GRIDMAP_DB_URL", dbUrl);
            pb.environment().put("GRIDMAP_DB_USER", TestPostgis.get().user());
            pb.environment().put("GRIDMAP_DB_PASSWORD", TestPostgis.get().password());
            pb.environment().put("GRIDMAP_JWT_SECRET", PostgisTest.JWT_SECRET);
            pb.environment().put("GRIDMAP_PORT", String.valueOf(port));
            pb.environment().putAll(env);
            ServerProcess sp = new ServerProcess(pb.start(), port, log);
            sp.awaitHealthy();
            return sp;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    private void awaitHealthy() {
        Api api = new Api(uri());
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited during start-up; log: " + tail());
            }
            try {
                if (api.get("/health", null).body().contains("\"UP\"")) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the server did not become healthy; log: " + tail());
    }

    /** kill -9: no shutdown hooks, no rollback from the JVM's side. */
    public void kill9() throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start().waitFor();
        process.waitFor();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
