package org.gridmap.evacuation;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places households in shelters: a capacity-aware optimal assignment (minimum person-metres), solved as a
 * minimum-cost flow with OR-Tools, one priority tier after the other (red before orange before yellow), so a tier
 * takes what capacity is left by the tiers before it.
 *
 * <p>Hard rules, each checked by the tests on whole plans: a shelter's remaining capacity (people) is never exceeded;
 * a household is never split; a household with a bed-ridden or disabled member goes only to an accessible shelter.
 * Households of one building form one supply node (split by accessibility need), so a building stays together where
 * capacity allows; where the flow divides a building between shelters, its households are dealt out whole to the
 * shelters the flow chose, largest first, and what does not fit any more goes, nearest first, to any candidate
 * shelter with room left after every building had its share, and then to any eligible shelter with room (the flow
 * sees only each building's nearest shelters), so nobody of a tier is left out while a shelter could take them.
 *
 * <p>The flow value of each tier is the linear-programming relaxation of that tier's assignment (households
 * divisible), which is a lower bound of its person-metres for the people it places.
 */
public final class Allocator {
    static {
        Loader.loadNativeLibraries();
    }

    /** A household to place. tier: 0 is placed first. */
    public record Household(long id, long building, int tier, int members, boolean accessibleNeed, double x,
                            double y) {}

    /** A shelter that takes households: remaining capacity in people. */
    public record Shelter(long id, double x, double y, int remaining, boolean accessible) {}

    /** Why a household has no place: no room left, no accessible shelter, no shelter, no shelter reachable by road. */
    public enum Unplaced { NO_CAPACITY, NO_ACCESSIBLE_SHELTER, NO_SHELTER, NO_ROAD }

    /** Where one household goes: a shelter (and the distance in metres), or why not. */
    public record Placement(long household, Long shelter, double distanceM, Unplaced reason) {}

    /** Figures of one tier: people placed and the person-metres against the relaxation's bound. */
    public record TierFigures(int tier, long households, long people, long placedPeople, double personMetres,
                              long lowerBoundPeople, double lowerBoundPersonMetres) {}

    public record Result(List<Placement> placements, List<TierFigures> tiers, boolean allShelterArcs,
                         double seconds) {
        public Map<Long, Placement> byHousehold() {
            Map<Long, Placement> m = new HashMap<>();
            placements.forEach(p -> m.put(p.household(), p));
            return m;
        }
    }

    /** Distance in metres between a household and a shelter (straight line, or by road when a matrix is given). */
    @FunctionalInterface
    public interface Cost {
        double metres(Household h, Shelter s);
    }

    public static final Cost STRAIGHT_LINE = (h, s) -> Math.hypot(h.x() - s.x(), h.y() - s.y());

    private final int candidates;
    private final Cost cost;

    /**
     * @param candidates the number of nearest eligible shelters a building may go to (all when there are fewer)
     */
    public Allocator(int candidates, Cost cost) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1");
        }
        this.candidates = candidates;
        this.cost = cost;
    }

    public Result allocate(List<Household> households, List<Shelter> shelters) {
        long t0 = System.nanoTime();
        int[] remaining = shelters.stream().mapToInt(s -> Math.max(0, s.remaining())).toArray();
        boolean anyAccessible = shelters.stream().anyMatch(Shelter::accessible);
        Map<Long, Placement> out = new LinkedHashMap<>();
        List<TierFigures> figures = new ArrayList<>();
        int maxTier = households.stream().mapToInt(Household::tier).max().orElse(-1);
        for (int tier = 0; tier <= maxTier; tier++) {
            final int t = tier;
            List<Household> hs = households.stream().filter(h -> h.tier() == t).toList();
            if (!hs.isEmpty()) {
                figures.add(tier(t, hs, shelters, remaining, anyAccessible, out));
            }
        }
        List<Placement> placements = new ArrayList<>(households.size());
        for (Household h : households) {
            placements.add(out.get(h.id()));
        }
        return new Result(placements, figures, shelters.size() <= candidates, (System.nanoTime() - t0) / 1e9);
    }

    /** unreachable: shelters it may go to exist, but none has a finite cost (no road within reach). */
    private record Group(long building, boolean accessibleNeed, List<Household> households, int people,
                         int[] shelters, double[] metres, boolean unreachable) {}

    private TierFigures tier(int tier, List<Household> hs, List<Shelter> shelters, int[] remaining,
                             boolean anyAccessible, Map<Long, Placement> out) {
        Map<String, List<Household>> byGroup = new LinkedHashMap<>();
        for (Household h : hs) {
            if (h.accessibleNeed() && !anyAccessible) {
                out.put(h.id(), new Placement(h.id(), null, 0, Unplaced.NO_ACCESSIBLE_SHELTER));
                continue;
            }
            if (shelters.isEmpty()) {
                out.put(h.id(), new Placement(h.id(), null, 0, Unplaced.NO_SHELTER));
                continue;
            }
            byGroup.computeIfAbsent(h.building() + (h.accessibleNeed() ? "A" : "-"), k -> new ArrayList<>()).add(h);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Household> members : byGroup.values()) {
            Household first = members.get(0);
            Integer[] order = new Integer[shelters.size()];
            double[] d = new double[shelters.size()];
            int n = 0;
            int eligibleCount = 0;
            for (int s = 0; s < shelters.size(); s++) {
                if (!first.accessibleNeed() || shelters.get(s).accessible()) {
                    eligibleCount++;
                    d[s] = cost.metres(first, shelters.get(s));
                    if (Double.isFinite(d[s])) {
                        order[n++] = s;
                    }
                }
            }
            Integer[] eligible = Arrays.copyOf(order, n);
            Arrays.sort(eligible, Comparator.comparingDouble(s -> d[s]));
            int k = Math.min(candidates, n);
            int[] cand = new int[k];
            double[] metres = new double[k];
            for (int j = 0; j < k; j++) {
                cand[j] = eligible[j];
                metres[j] = d[eligible[j]];
            }
            int people = members.stream().mapToInt(Household::members).sum();
            groups.add(new Group(first.building(), first.accessibleNeed(), members, people, cand, metres,
                    eligibleCount > 0 && n == 0));
        }
        long tierPeople = hs.stream().mapToLong(Household::members).sum();

        // The flow: group nodes 0..G-1, shelter nodes G..G+S-1, the sink G+S. A group's people that no shelter takes
        // flow straight to the sink at a cost above any path through a shelter, so the flow places as many people as
        // capacity allows and, among those placements, the fewest person-metres.
        int g = groups.size();
        int sCount = shelters.size();
        int sink = g + sCount;
        double maxMetres = 1;
        for (Group gr : groups) {
            for (double m : gr.metres()) {
                maxMetres = Math.max(maxMetres, m);
            }
        }
        long unplacedCost = (long) Math.ceil(maxMetres) * (2L * sCount + 2) + 1;
        MinCostFlow flow = new MinCostFlow();
        int[][] arcs = new int[g][];
        long supply = 0;
        for (int i = 0; i < g; i++) {
            Group gr = groups.get(i);
            arcs[i] = new int[gr.shelters().length];
            for (int j = 0; j < gr.shelters().length; j++) {
                arcs[i][j] = flow.addArcWithCapacityAndUnitCost(i, g + gr.shelters()[j], gr.people(),
                        Math.round(gr.metres()[j]));
            }
            flow.addArcWithCapacityAndUnitCost(i, sink, gr.people(), unplacedCost);
            flow.setNodeSupply(i, gr.people());
            supply += gr.people();
        }
        for (int s = 0; s < sCount; s++) {
            flow.addArcWithCapacityAndUnitCost(g + s, sink, remaining[s], 0);
        }
        flow.setNodeSupply(sink, -supply);
        long lbPeople = 0;
        double lbMetres = 0;
        long[][] allot = new long[g][];
        if (g > 0) {
            MinCostFlowBase.Status status = flow.solve();
            if (status != MinCostFlowBase.Status.OPTIMAL) {
                throw new IllegalStateException("min-cost flow did not solve: " + status);
            }
            for (int i = 0; i < g; i++) {
                Group gr = groups.get(i);
                allot[i] = new long[gr.shelters().length];
                for (int j = 0; j < gr.shelters().length; j++) {
                    long f = flow.getFlow(arcs[i][j]);
                    allot[i][j] = f;
                    lbPeople += f;
                    lbMetres += f * gr.metres()[j];
                }
            }
        }

        // Whole households into the shelters the flow chose for their building, largest first.
        List<Household> leftover = new ArrayList<>();
        Map<Long, double[]> metresOf = new HashMap<>();
        Map<Long, int[]> candOf = new HashMap<>();
        Map<Long, Boolean> unreachableOf = new HashMap<>();
        for (int i = 0; i < g; i++) {
            Group gr = groups.get(i);
            List<Household> members = new ArrayList<>(gr.households());
            members.sort(Comparator.comparingInt(Household::members).reversed().thenComparingLong(Household::id));
            for (Household h : members) {
                metresOf.put(h.id(), gr.metres());
                candOf.put(h.id(), gr.shelters());
                unreachableOf.put(h.id(), gr.unreachable());
                int best = -1;
                for (int j = 0; j < gr.shelters().length; j++) {
                    if (allot[i][j] >= h.members() && (best < 0 || allot[i][j] > allot[i][best])) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    allot[i][best] -= h.members();
                    int s = gr.shelters()[best];
                    remaining[s] -= h.members();
                    out.put(h.id(), new Placement(h.id(), shelters.get(s).id(), gr.metres()[best], null));
                } else {
                    leftover.add(h);
                }
            }
        }
        // What the division left over, nearest first into any candidate with room now that every building had its share.
        leftover.sort(Comparator.comparingInt(Household::members).reversed().thenComparingLong(Household::id));
        for (Household h : leftover) {
            int[] cand = candOf.get(h.id());
            double[] metres = metresOf.get(h.id());
            Placement p = new Placement(h.id(), null, 0, cand.length > 0 ? Unplaced.NO_CAPACITY
                    : unreachableOf.get(h.id()) ? Unplaced.NO_ROAD
                    : h.accessibleNeed() ? Unplaced.NO_ACCESSIBLE_SHELTER : Unplaced.NO_SHELTER);
            for (int j = 0; j < cand.length; j++) {
                if (remaining[cand[j]] >= h.members()) {
                    remaining[cand[j]] -= h.members();
                    p = new Placement(h.id(), shelters.get(cand[j]).id(), metres[j], null);
                    break;
                }
            }
            if (p.shelter() == null && cand.length > 0) {
                // Its nearest shelters are full: any eligible shelter with room, nearest first, before anyone of a
                // later tier (the flow saw only the nearest ones).
                int best = -1;
                double bestMetres = Double.MAX_VALUE;
                for (int s = 0; s < shelters.size(); s++) {
                    Shelter sh = shelters.get(s);
                    if (remaining[s] >= h.members() && (!h.accessibleNeed() || sh.accessible())) {
                        double d = cost.metres(h, sh);
                        if (Double.isFinite(d) && d < bestMetres) {
                            best = s;
                            bestMetres = d;
                        }
                    }
                }
                if (best >= 0) {
                    remaining[best] -= h.members();
                    p = new Placement(h.id(), shelters.get(best).id(), bestMetres, null);
                }
            }
            out.put(h.id(), p);
        }
        long placedPeople = 0;
        double personMetres = 0;
        for (Household h : hs) {
            Placement p = out.get(h.id());
            if (p.shelter() != null) {
                placedPeople += h.members();
                personMetres += h.members() * p.distanceM();
            }
        }
        return new TierFigures(tier, hs.size(), tierPeople, placedPeople, personMetres, lbPeople, lbMetres);
    }
}
