package org.gridmap.evacuation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocation against an independent solver: on small random instances, every assignment of households to
 * shelters (or to none) is enumerated, and the best one by the rules' order — people placed of the first tier, its
 * person-metres, people placed of the next tier, its person-metres, … — is compared with the allocator's. Hard rules
 * are checked on every result.
 */
class AllocatorTest {
    /** Whole metres, so the flow's integer costs and the exhaustive search see the same distances. */
    private static final Allocator.Cost METRES = (h, s) -> Math.round(Allocator.STRAIGHT_LINE.metres(h, s));

    /** Lexicographic score of a plan: per tier, people placed (more is better) then person-metres (less is better). */
    private static double[] score(List<Allocator.Household> hs, Map<Long, Integer> shelterOf,
                                  List<Allocator.Shelter> ss, int tiers) {
        double[] v = new double[2 * tiers];
        for (Allocator.Household h : hs) {
            Integer s = shelterOf.get(h.id());
            if (s != null) {
                v[2 * h.tier()] -= h.members();
                v[2 * h.tier() + 1] += h.members() * METRES.metres(h, ss.get(s));
            }
        }
        return v;
    }

    private static int compare(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k] - b[k]) > 1e-6 * Math.max(1, Math.abs(a[k]))) {
                return Double.compare(a[k], b[k]);
            }
        }
        return 0;
    }

    /** Brute force over every assignment that keeps capacity and accessibility. */
    private static double[] best(List<Allocator.Household> hs, List<Allocator.Shelter> ss, int tiers) {
        int n = hs.size();
        int options = ss.size() + 1;
        int[] choice = new int[n];
        double[] best = null;
        long total = (long) Math.pow(options, n);
        for (long code = 0; code < total; code++) {
            long x = code;
            int[] used = new int[ss.size()];
            boolean ok = true;
            Map<Long, Integer> shelterOf = new HashMap<>();
            for (int i = 0; i < n && ok; i++) {
                choice[i] = (int) (x % options);
                x /= options;
                if (choice[i] < ss.size()) {
                    Allocator.Household h = hs.get(i);
                    Allocator.Shelter s = ss.get(choice[i]);
                    used[choice[i]] += h.members();
                    ok = used[choice[i]] <= s.remaining() && (!h.accessibleNeed() || s.accessible());
                    shelterOf.put(h.id(), choice[i]);
                }
            }
            if (ok) {
                double[] v = score(hs, shelterOf, ss, tiers);
                if (best == null || compare(v, best) < 0) {
                    best = v;
                }
            }
        }
        return best;
    }

    private static void checkHardRules(List<Allocator.Household> hs, List<Allocator.Shelter> ss,
                                       Allocator.Result r) {
        Map<Long, Allocator.Shelter> byId = new HashMap<>();
        ss.forEach(s -> byId.put(s.id(), s));
        Map<Long, Integer> used = new HashMap<>();
        assertEquals(hs.size(), r.placements().size(), "one placement per household");
        for (int i = 0; i < hs.size(); i++) {
            Allocator.Household h = hs.get(i);
            Allocator.Placement p = r.placements().get(i);
            assertEquals(h.id(), p.household());
            if (p.shelter() != null) {
                assertNull(p.reason());
                Allocator.Shelter s = byId.get(p.shelter());
                assertTrue(!h.accessibleNeed() || s.accessible(), "accessible need → accessible shelter: " + h);
                used.merge(s.id(), h.members(), Integer::sum);
            } else {
                assertNotNull(p.reason(), "an unplaced household has a reason");
            }
        }
        used.forEach((s, n) -> assertTrue(n <= byId.get(s).remaining(), "capacity of shelter " + s + ": " + n));
        // Nobody left out who fits somewhere: an unplaced household fits in no eligible shelter's room left.
        for (int i = 0; i < hs.size(); i++) {
            Allocator.Household h = hs.get(i);
            if (r.placements().get(i).shelter() == null) {
                for (Allocator.Shelter s : ss) {
                    if (!h.accessibleNeed() || s.accessible()) {
                        int room = s.remaining() - used.getOrDefault(s.id(), 0);
                        assertTrue(room < h.members(), "household " + h.id() + " (" + h.members() + ") is unplaced "
                                + "but shelter " + s.id() + " has room for " + room);
                    }
                }
            }
        }
    }

    private static Map<Long, Integer> indexOf(Allocator.Result r, List<Allocator.Shelter> ss) {
        Map<Long, Integer> idx = new HashMap<>();
        for (int k = 0; k < ss.size(); k++) {
            idx.put(ss.get(k).id(), k);
        }
        Map<Long, Integer> m = new HashMap<>();
        r.placements().forEach(p -> {
            if (p.shelter() != null) {
                m.put(p.household(), idx.get(p.shelter()));
            }
        });
        return m;
    }

    @Test
    void matchesTheExhaustiveOptimumOnSmallInstances() {
        Random rnd = new Random(20261202);
        int instances = 300;
        int optimal = 0;
        int ample = 0;
        int ampleOptimal = 0;
        for (int run = 0; run < instances; run++) {
            int n = 3 + rnd.nextInt(5);             // 3..7 households
            int m = 2 + rnd.nextInt(2);             // 2..3 shelters
            int buildings = 1 + rnd.nextInt(3);
            int tiers = 1 + rnd.nextInt(3);
            List<Allocator.Household> hs = new ArrayList<>();
            int people = 0;
            for (int i = 0; i < n; i++) {
                int b = rnd.nextInt(buildings);
                int members = 1 + rnd.nextInt(5);
                people += members;
                // households of one building share its position
                hs.add(new Allocator.Household(i + 1, b, rnd.nextInt(tiers), members, rnd.nextDouble() < 0.2,
                        b * 300 + 17, b * 41 + 5));
            }
            boolean plenty = rnd.nextBoolean();
            List<Allocator.Shelter> ss = new ArrayList<>();
            for (int k = 0; k < m; k++) {
                int cap = plenty ? people : rnd.nextInt(Math.max(2, people / 2));
                ss.add(new Allocator.Shelter(100 + k, rnd.nextDouble() * 1000, rnd.nextDouble() * 1000, cap,
                        k == 0 || rnd.nextBoolean()));
            }
            Allocator.Result r = new Allocator(10, METRES).allocate(hs, ss);
            checkHardRules(hs, ss, r);
            int usedTiers = hs.stream().mapToInt(Allocator.Household::tier).max().orElse(0) + 1;
            double[] mine = score(hs, indexOf(r, ss), ss, usedTiers);
            double[] opt = best(hs, ss, usedTiers);
            assertTrue(compare(mine, opt) >= 0, "better than exhaustive search: the brute force or a rule is wrong");
            boolean same = compare(mine, opt) == 0;
            optimal += same ? 1 : 0;
            if (plenty) {
                ample++;
                ampleOptimal += same ? 1 : 0;
                // With room for everyone the flow is integral: the allocator is exactly optimal.
                assertTrue(same, "run " + run + ": with ample capacity the plan must be optimal");
            }
            for (Allocator.TierFigures t : r.tiers()) {
                if (t.placedPeople() == t.lowerBoundPeople()) {
                    assertTrue(t.personMetres() >= t.lowerBoundPersonMetres() - 1e-6 * (1 + t.personMetres()),
                            "the relaxation's bound is above the plan: " + t);
                }
            }
        }
        System.out.printf("allocator vs exhaustive: %d/%d optimal (%d/%d with ample capacity)%n", optimal, instances,
                ampleOptimal, ample);
        assertTrue(optimal >= instances * 0.8, "optimal in at least 80% of tight instances too: " + optimal);
    }

    @Test
    void redBeforeOrangeWhenCapacityIsShort() {
        // One shelter with room for 4: the orange household is nearer, but red goes first.
        List<Allocator.Household> hs = List.of(
                new Allocator.Household(1, 1, 1, 4, false, 10, 0),
                new Allocator.Household(2, 2, 0, 4, false, 900, 0));
        List<Allocator.Shelter> ss = List.of(new Allocator.Shelter(7, 0, 0, 4, false));
        Allocator.Result r = new Allocator(5, Allocator.STRAIGHT_LINE).allocate(hs, ss);
        assertEquals(Allocator.Unplaced.NO_CAPACITY, r.byHousehold().get(1L).reason());
        assertEquals(7L, r.byHousehold().get(2L).shelter());
    }

    @Test
    void aBuildingStaysTogetherWhereCapacityAllows() {
        // Two shelters; the nearer one holds the whole building, the other is only a little farther for some.
        List<Allocator.Household> hs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hs.add(new Allocator.Household(i + 1, 5, 0, 3, false, 0, 0));
        }
        List<Allocator.Shelter> ss = List.of(new Allocator.Shelter(1, 100, 0, 18, true),
                new Allocator.Shelter(2, 0, 120, 50, true));
        Allocator.Result r = new Allocator(5, Allocator.STRAIGHT_LINE).allocate(hs, ss);
        assertTrue(r.placements().stream().allMatch(p -> p.shelter() == 1L), r.placements().toString());
    }

    @Test
    void whenTheNearestShelterIsFullAFartherOneBeyondTheCandidatesTakesThem() {
        // Only the nearest shelter is a candidate (the flow's arcs); it holds 3 of the 6 people; the other takes the rest.
        List<Allocator.Household> hs = List.of(new Allocator.Household(1, 1, 0, 3, false, 0, 0),
                new Allocator.Household(2, 1, 0, 3, false, 0, 0));
        List<Allocator.Shelter> ss = List.of(new Allocator.Shelter(1, 10, 0, 3, false),
                new Allocator.Shelter(2, 5000, 0, 10, false));
        Allocator.Result r = new Allocator(1, Allocator.STRAIGHT_LINE).allocate(hs, ss);
        assertEquals(java.util.Set.of(1L, 2L), new java.util.HashSet<>(r.placements().stream()
                .map(Allocator.Placement::shelter).toList()), r.placements().toString());
        checkHardRules(hs, ss, r);
    }

    @Test
    void reasonsForTheUnplaced() {
        List<Allocator.Household> hs = List.of(new Allocator.Household(1, 1, 0, 2, true, 0, 0),
                new Allocator.Household(2, 1, 0, 9, false, 0, 0));
        List<Allocator.Shelter> ss = List.of(new Allocator.Shelter(1, 100, 0, 5, false));
        Allocator.Result r = new Allocator(5, Allocator.STRAIGHT_LINE).allocate(hs, ss);
        assertEquals(Allocator.Unplaced.NO_ACCESSIBLE_SHELTER, r.byHousehold().get(1L).reason());
        assertEquals(Allocator.Unplaced.NO_CAPACITY, r.byHousehold().get(2L).reason());
        Allocator.Result none = new Allocator(5, Allocator.STRAIGHT_LINE).allocate(hs.subList(1, 2), List.of());
        assertEquals(Allocator.Unplaced.NO_SHELTER, none.byHousehold().get(2L).reason());
    }

    @Test
    void aBuildingNoShelterCanBeReachedFromIsUnplacedForNoRoadAndTheRestStillGoByRoad() {
        // Building 1 is cut off (no finite cost to any shelter); building 2 reaches shelter 2 only, by a road
        // longer than the straight line to shelter 1.
        List<Allocator.Household> hs = List.of(new Allocator.Household(1, 1, 0, 2, false, 0, 0),
                new Allocator.Household(2, 2, 0, 3, false, 50, 0));
        List<Allocator.Shelter> ss = List.of(new Allocator.Shelter(1, 60, 0, 10, false),
                new Allocator.Shelter(2, 500, 0, 10, false));
        Allocator.Cost road = (h, s) -> h.building() == 1 ? Double.POSITIVE_INFINITY
                : s.id() == 1 ? Double.POSITIVE_INFINITY : 1234;
        Allocator.Result r = new Allocator(5, road).allocate(hs, ss);
        assertEquals(Allocator.Unplaced.NO_ROAD, r.byHousehold().get(1L).reason());
        assertEquals(2L, r.byHousehold().get(2L).shelter());
        assertEquals(1234, r.byHousehold().get(2L).distanceM(), 1e-9);
    }
}
