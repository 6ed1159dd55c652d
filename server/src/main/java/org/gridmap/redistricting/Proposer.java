package org.gridmap.redistricting;

import java.util.ArrayList;
import java.util.List;

/**
 * An automatic proposal for one community: its free buildings (those of unlocked grids) cut into contiguous parts
 * within the household band by METIS, boundaries preferring roads and rivers (links across them are cheap to cut).
 * Each connected group of free buildings is cut on its own; when its households cannot fill a whole number of
 * grids inside the band, the nearest count is used and the group is reported with the reason.
 */
final class Proposer {

    /** A group of buildings whose grids cannot all be in band, and why. */
    record Exception(String communityCode, int households, int grids, String reason) {}

    /** The part of each building (−1: not free), how many parts, and the exceptions. */
    record Result(int[] part, int parts, List<Exception> exceptions) {}

    private static final int LINK = 10;

    private final Partitioner partitioner;
    private final double barrierWeight;

    Proposer(Partitioner partitioner, double barrierWeight) {
        this.partitioner = partitioner;
        this.barrierWeight = barrierWeight;
    }

    Result propose(Ground ground, boolean[] free, int min, int max) throws Partitioner.PartitionException {
        int n = ground.size();
        int[] part = new int[n];
        java.util.Arrays.fill(part, -1);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<DraftGeometry.Link> links = ground.geometry().links();
        for (DraftGeometry.Link l : links) {
            if (free[l.a()] && free[l.b()]) {
                parent[find(parent, l.a())] = find(parent, l.b());
            }
        }
        java.util.Map<Integer, List<Integer>> components = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (free[i]) {
                components.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
            }
        }
        int barrier = Math.max(1, (int) Math.round(LINK * barrierWeight));
        List<Exception> exceptions = new ArrayList<>();
        int next = 0;
        for (List<Integer> members : components.values()) {
            int households = 0;
            int largest = 0;
            for (int i : members) {
                households += ground.totals().get(i).households();
                largest = Math.max(largest, ground.totals().get(i).households());
            }
            int k = count(households, min, max);
            String reason = null;
            if (max != Integer.MAX_VALUE && households < min) {
                reason = households + " households, fewer than " + min + ": one grid";
            } else if (max != Integer.MAX_VALUE && (households + max - 1) / max > households / Math.max(1, min)) {
                reason = households + " households cannot be cut into grids of " + min + "–" + max + ": the nearest, "
                        + k + (k == 1 ? " grid" : " grids");
            } else if (largest > max) {
                reason = "a building has " + largest + " households, more than " + max;
            }
            k = Math.min(k, members.size());
            int[] local = cut(ground, members, k, min, max, barrier);
            for (int j = 0; j < members.size(); j++) {
                part[members.get(j)] = next + local[j];
            }
            if (reason == null) {
                int[] sums = new int[k];
                for (int j = 0; j < members.size(); j++) {
                    sums[local[j]] += ground.totals().get(members.get(j)).households();
                }
                for (int s : sums) {
                    if (s < min || s > max) {
                        reason = "the partitioner left a grid of " + s + " households (buildings too large or too "
                                + "unevenly placed for " + min + "–" + max + ")";
                        break;
                    }
                }
            }
            if (reason != null) {
                exceptions.add(new Exception(ground.communityCode(), households, k, reason));
            }
            next += k;
        }
        return new Result(part, next, exceptions);
    }

    /** How many grids a group of this many households gets: near the band's middle, inside the band if possible. */
    static int count(int households, int min, int max) {
        if (max == Integer.MAX_VALUE || households <= 0) {
            return 1;
        }
        int lo = Math.max(1, (households + max - 1) / max);
        int hi = Math.max(1, households / Math.max(1, min));
        int k = Math.max(1, Math.round(households / ((min + max) / 2f)));
        if (lo <= hi) {
            k = Math.max(lo, Math.min(hi, k));
        }
        return k;
    }

    private int[] cut(Ground ground, List<Integer> members, int k, int min, int max, int barrier)
            throws Partitioner.PartitionException {
        if (k <= 1) {
            return new int[members.size()];
        }
        java.util.Map<Integer, Integer> local = new java.util.HashMap<>();
        for (int j = 0; j < members.size(); j++) {
            local.put(members.get(j), j);
        }
        int[] weights = new int[members.size()];
        int total = 0;
        for (int j = 0; j < members.size(); j++) {
            weights[j] = ground.totals().get(members.get(j)).households();
            total += weights[j];
        }
        List<Partitioner.Edge> edges = new ArrayList<>();
        for (DraftGeometry.Link l : ground.geometry().links()) {
            Integer a = local.get(l.a());
            Integer b = local.get(l.b());
            if (a != null && b != null) {
                edges.add(new Partitioner.Edge(a, b, l.crossesBarrier() ? barrier : LINK));
            }
        }
        double average = (double) total / k;
        // METIS bounds the heaviest part at (1 + u/1000) × average: keep it under the band's top and, as parts are
        // then near the average, over its bottom; try tighter if a part still falls outside.
        double room = Math.min(max / average - 1, 1 - min / average);
        int u = (int) Math.max(5, Math.min(300, Math.floor(room * 1000)));
        int[] best = null;
        int bestOut = Integer.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && bestOut > 0; attempt++, u = Math.max(5, u / 2)) {
            int[] p;
            try {
                p = partitioner.partition(weights, edges, k, u, true);
            } catch (Partitioner.PartitionException notContiguous) {
                p = partitioner.partition(weights, edges, k, u, false);
            }
            int[] sums = new int[k];
            for (int j = 0; j < p.length; j++) {
                sums[p[j]] += weights[j];
            }
            repair(p, sums, weights, edges, min, max);
            int out = 0;
            for (int s : sums) {
                if (s < min || s > max) {
                    out++;
                }
            }
            if (out < bestOut) {
                best = p;
                bestOut = out;
            }
        }
        return best;
    }

    /**
     * Local repair after METIS, which bounds only the heaviest part: while a part is outside the band, move one
     * building across its edge from (or to) a neighbouring part when both then stay in band and the giving part stays
     * connected. A few moves at most; what cannot be repaired is reported by the caller.
     */
    static void repair(int[] part, int[] sums, int[] weights, List<Partitioner.Edge> edges, int min, int max) {
        int n = part.length;
        List<List<Integer>> adj = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (Partitioner.Edge e : edges) {
            adj.get(e.a()).add(e.b());
            adj.get(e.b()).add(e.a());
        }
        for (int round = 0; round < 4 * n; round++) {
            boolean moved = false;
            for (int p = 0; p < sums.length && !moved; p++) {
                if (sums[p] >= min && sums[p] <= max) {
                    continue;
                }
                boolean light = sums[p] < min;
                int bestBuilding = -1;
                int bestTo = -1;
                int bestGap = Integer.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    // light: take a building i of a neighbour q; heavy: give a building i of p to a neighbour q
                    if (light ? part[i] == p : part[i] != p) {
                        continue;
                    }
                    for (int j : adj.get(i)) {
                        int q = light ? part[i] : part[j];
                        if (light ? part[j] != p : part[j] == p) {
                            continue;
                        }
                        int from = light ? q : p;
                        int to = light ? p : q;
                        int w = weights[i];
                        if (w == 0 || sums[from] - w < (light ? min : 0) || sums[to] + w > max) {
                            continue;
                        }
                        int gap = light ? Math.abs(min - (sums[p] + w)) : Math.abs(sums[p] - w - max);
                        if (gap < bestGap && staysConnected(part, adj, from, i)) {
                            bestGap = gap;
                            bestBuilding = i;
                            bestTo = to;
                        }
                    }
                }
                if (bestBuilding >= 0) {
                    sums[part[bestBuilding]] -= weights[bestBuilding];
                    sums[bestTo] += weights[bestBuilding];
                    part[bestBuilding] = bestTo;
                    moved = true;
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static boolean staysConnected(int[] part, List<List<Integer>> adj, int p, int without) {
        int start = -1;
        int size = 0;
        for (int i = 0; i < part.length; i++) {
            if (part[i] == p && i != without) {
                size++;
                if (start < 0) {
                    start = i;
                }
            }
        }
        if (size == 0) {
            return false;
        }
        boolean[] seen = new boolean[part.length];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(start));
        seen[start] = true;
        int reached = 1;
        while (!queue.isEmpty()) {
            for (int j : adj.get(queue.poll())) {
                if (!seen[j] && j != without && part[j] == p) {
                    seen[j] = true;
                    reached++;
                    queue.add(j);
                }
            }
        }
        return reached == size;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
