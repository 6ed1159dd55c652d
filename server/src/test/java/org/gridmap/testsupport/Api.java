package org.gridmap.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for tests: no exceptions on 4xx, JSON parsed on demand, multipart uploads. */
public final class Api {
    public static final String DEMO_PASSWORD = "Gridmap@2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
        public Response(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        /** The first value of a response header (case-insensitive name), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public Api(URI base) {
        this.base = base.toString().replaceAll("/$", "");
    }

    public String login(String username) {
        return login(username, DEMO_PASSWORD);
    }

    public String login(String username, String password) {
        Response r = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + password + "\"}")));
        if (r.status() != 200) {
            throw new AssertionError("login " + username + " failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** GET a binary body (exports, images): status and bytes. */
    public record Bytes(int status, String contentType, byte[] body) {}

    public Bytes getBytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            java.net.http.HttpResponse<byte[]> r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Response get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    public Response postJson(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** POST JSON with extra headers (name, value, name, value…). */
    public Response postJson(String path, String token, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int k = 0; k + 1 < headers.length; k += 2) {
            b.header(headers[k], headers[k + 1]);
        }
        return send(b);
    }

    /** Starts a 四色 run for a scenario and waits for it; returns the finished run. */
    public JsonNode runAndWait(String token, String scenario) {
        Response r = postJson("/api/risk/runs", token, "{\"scenario\":\"" + scenario + "\"}");
        if (r.status() != 202) {
            throw new AssertionError("POST /api/risk/runs: " + r);
        }
        return awaitRun(token, r.json().get("id").asLong());
    }

    /** Polls a run until it is no longer RUNNING (60 s at most). */
    public JsonNode awaitRun(String token, long id) {
        for (int k = 0; k < 600; k++) {
            JsonNode run = get("/api/risk/runs/" + id, token).json();
            if (!run.get("status").asText().equals("RUNNING")) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + id + " still running after 60 s");
    }

    /** GET with extra request headers (name, value, name, value…). */
    public Response getWith(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int k = 0; k + 1 < headers.length; k += 2) {
            b.header(headers[k], headers[k + 1]);
        }
        return send(b);
    }

    /** A request with a raw body of any media type, and extra headers (name, value, name, value…). */
    public Response sendRaw(String method, String path, String token, String contentType, String body,
                            String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        for (int k = 0; k + 1 < headers.length; k += 2) {
            b.header(headers[k], headers[k + 1]);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /**
     * GET through curl, for what the JDK client will not send (a forged Host header, raw bytes in the query).
     * Returns status, content type and body.
     */
    public Response curl(String path, String... curlArgs) {
        try {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("curl", "-s", "-m", "30", "-o", "-",
                    "-w", "\n%{http_code} %{content_type}"));
            cmd.addAll(java.util.List.of(curlArgs));
            cmd.add("--path-as-is");
            cmd.add(base + path);
            Process p = new ProcessBuilder(cmd).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            int nl = out.lastIndexOf('\n');
            String[] meta = out.substring(nl + 1).strip().split(" ", 2);
            return new Response(Integer.parseInt(meta[0]), meta.length > 1 ? meta[1] : null, out.substring(0, nl));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any method with a JSON body. */
    public Response send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** POST /api/imports with a file and form fields (kind, crs, …). */
    public Response importFile(String token, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----gridmap" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (content != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/imports")).expectContinue(true)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /**
     * The same upload through curl, which reads the server's early answer while it is still sending (the JDK client
     * waits for the whole body to be written, so it cannot see a 413 sent mid-upload).
     */
    public Response importFileWithCurl(String token, String fileName, byte[] content, Map<String, String> fields) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("curl-upload-");
            java.nio.file.Path f = dir.resolve(fileName);
            java.nio.file.Files.write(f, content);
            java.nio.file.Path out = dir.resolve("body");
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("curl", "-s", "-m", "60",
                    "-o", out.toString(), "-w", "%{http_code} %{content_type}", "-H", "Authorization: Bearer " + token));
            fields.forEach((k, v) -> cmd.addAll(java.util.List.of("-F", k + "=" + v)));
            cmd.addAll(java.util.List.of("-F", "file=@" + f, base + "/api/imports"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String meta = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            String[] parts = meta.split(" ", 2);
            return new Response(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : null,
                    java.nio.file.Files.readString(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put(kv[k], kv[k + 1]);
        }
        return m;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body(),
                    r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
