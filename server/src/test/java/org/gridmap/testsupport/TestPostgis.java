package org.gridmap.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real PostGIS server per test JVM, from the first of: {@code GRIDMAP_TEST_DB_URL} (a server URL whose user may
 * create databases), Testcontainers with the pinned {@code pgrouting/pgrouting} image (PostGIS and pgRouting; same
 * tag as docker-compose.yml) when a Docker engine answers, or a throwaway cluster from Debian's
 * postgresql-15-postgis-3 and postgresql-15-pgrouting in a temp directory, stopped and removed when the JVM exits.
 * Each test class gets a database of its own.
 */
public final class TestPostgis {
    public static final String IMAGE = "pgrouting/pgrouting:15-3.3-3.4";
    private static final String PG_BIN = "/usr/lib/postgresql/15/bin";
    private static TestPostgis instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private TestPostgis(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestPostgis get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates (or re-creates) a database and returns its JDBC URL. */
    public String newDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url("postgres"), user, password);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    private static TestPostgis start() {
        String env = System.getenv("GRIDMAP_TEST_DB_URL");
        if (env != null && !env.isBlank()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/.*")
                    .matcher(env);
            if (!m.matches()) {
                throw new IllegalStateException("GRIDMAP_TEST_DB_URL must look like jdbc:postgresql://host:port/db");
            }
            return new TestPostgis(m.group(1), Integer.parseInt(m.group(2)),
                    System.getenv().getOrDefault("GRIDMAP_TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("GRIDMAP_TEST_DB_PASSWORD", ""));
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (docker) {
            PostgreSQLContainer<?> pg = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE)
                    .asCompatibleSubstituteFor("postgres"));
            pg.start();
            return new TestPostgis(pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword());
        }
        return startLocalCluster();
    }

    private static TestPostgis startLocalCluster() {
        if (!Files.isExecutable(Path.of(PG_BIN, "initdb"))) {
            throw new IllegalStateException("No Docker engine and no " + PG_BIN + "/initdb: install the Debian "
                    + "package postgresql-15-postgis-3 (./gridmap test does), or set GRIDMAP_TEST_DB_URL");
        }
        if (!Files.exists(Path.of("/usr/share/postgresql/15/extension/postgis.control"))) {
            throw new IllegalStateException("PostgreSQL 15 is installed but PostGIS is not: install the Debian "
                    + "package postgresql-15-postgis-3 (./gridmap test does)");
        }
        try {
            Path dir = Files.createTempDirectory("gridmap-test-pg-");
            boolean root = "root".equals(System.getProperty("user.name"));
            Path data = dir.resolve("data");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            run(asPg(root, PG_BIN + "/initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            run(asPg(root, PG_BIN + "/pg_ctl", "-D", data.toString(), "-w", "-l", dir.resolve("log").toString(),
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(asPg(root, PG_BIN + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "stop"));
                } catch (RuntimeException ignored) {
                    // best effort on exit
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temp dir
                }
            }));
            return new TestPostgis("127.0.0.1", port, "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local PostGIS cluster: " + e.getMessage(), e);
        }
    }

    private static List<String> asPg(boolean root, String... cmd) {
        List<String> out = new ArrayList<>();
        if (root) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(cmd));
        return out;
    }

    static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
