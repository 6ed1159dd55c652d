package org.gridmap.redistricting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Graph partitioning by METIS ({@code gpmetis}, multilevel k-way with contiguous parts): the vertices are buildings
 * weighted by households, the edges neighbour links weighted by how much a boundary there costs. METIS keeps every
 * part at most {@code (1 + ufactor/1000)} times the average weight and cuts the cheapest links it can.
 */
final class Partitioner {

    /** Why a partition could not be made (no METIS, it failed, or it ran out of time). */
    static final class PartitionException extends Exception {
        PartitionException(String message) {
            super(message);
        }
    }

    /** An undirected edge between vertices a and b (0-based) with a positive integer weight. */
    record Edge(int a, int b, int weight) {}

    private final String command;
    private final int timeoutSeconds;

    Partitioner(String command, int timeoutSeconds) {
        this.command = command;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * @param weights a weight (≥ 0) per vertex
     * @param edges   a connected graph's edges (each once)
     * @return the part (0 … parts−1) of each vertex
     */
    int[] partition(int[] weights, List<Edge> edges, int parts, int ufactor, boolean contiguous)
            throws PartitionException {
        int n = weights.length;
        if (parts <= 1 || n <= 1) {
            return new int[n];
        }
        if (parts > n) {
            throw new PartitionException(parts + " parts asked of " + n + " vertices");
        }
        List<TreeMap<Integer, Integer>> adjacency = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjacency.add(new TreeMap<>());
        }
        int m = 0;
        for (Edge e : edges) {
            if (e.a() == e.b()) {
                continue;
            }
            if (adjacency.get(e.a()).merge(e.b(), e.weight(), Integer::sum) == e.weight()) {
                m++;
            }
            adjacency.get(e.b()).merge(e.a(), e.weight(), Integer::sum);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gridmap-metis");
            Path graph = dir.resolve("graph");
            try (BufferedWriter w = Files.newBufferedWriter(graph, StandardCharsets.US_ASCII)) {
                w.write(n + " " + m + " 011\n");
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    line.setLength(0);
                    line.append(Math.max(0, weights[i]));
                    adjacency.get(i).forEach((j, wt) -> line.append(' ').append(j + 1).append(' ').append(wt));
                    w.write(line.append('\n').toString());
                }
            }
            List<String> cmd = new ArrayList<>(List.of(command, "-ptype=kway", "-ufactor=" + Math.max(1, ufactor),
                    "-seed=1", "-niter=20"));
            if (contiguous) {
                cmd.add("-contig");
            }
            cmd.add(graph.toString());
            cmd.add(String.valueOf(parts));
            Process p;
            try {
                p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("log").toFile()).start();
            } catch (IOException e) {
                throw new PartitionException("the partitioner '" + command + "' cannot be started (install the "
                        + "Debian package metis, or set gridmap.redistricting.gpmetis): " + e.getMessage());
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PartitionException("the partitioner did not finish in " + timeoutSeconds + " s");
            }
            Path out = dir.resolve("graph.part." + parts);
            if (p.exitValue() != 0 || !Files.exists(out)) {
                String log = Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
                throw new PartitionException("the partitioner failed (exit " + p.exitValue() + "): "
                        + log.lines().filter(l -> l.contains("rror") || l.contains("***")).findFirst()
                        .orElse(log.length() > 300 ? log.substring(log.length() - 300) : log).strip());
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.US_ASCII);
            int[] part = new int[n];
            for (int i = 0; i < n; i++) {
                part[i] = Integer.parseInt(lines.get(i).strip());
            }
            return part;
        } catch (IOException e) {
            throw new PartitionException("the partitioner's files: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartitionException("interrupted");
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }
}
