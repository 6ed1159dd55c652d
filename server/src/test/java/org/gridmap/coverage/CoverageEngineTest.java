package org.gridmap.coverage;

import org.gridmap.coverage.CoverageEngine.Community;
import org.gridmap.coverage.CoverageEngine.Finding;
import org.gridmap.coverage.CoverageEngine.GridShape;
import org.gridmap.coverage.CoverageEngine.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WKT in, findings out. Coordinates are metres. One line per edge case: communities as {@code code=WKT},
 * grids as {@code code@community=WKT}, expected findings as {@code KIND×count:total} (total is m² for areas,
 * m for invalid edges). Tolerance: 1 m² and 0.5 m.
 */
class CoverageEngineTest {
    static final String C1 = "C1=POLYGON((0 0,100 0,100 100,0 100,0 0))";
    static final String C2 = "C2=POLYGON((100 0,200 0,200 100,100 100,100 0))";

    record Case(String name, List<String> communities, List<String> grids, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String expected, String communities, String... grids) {
        return new Case(name, List.of(communities.split(";")), List.of(grids), expected);
    }

    static Stream<Case> cases() {
        return Stream.of(
            c("two grids sharing an edge", "", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((50 0,100 0,100 100,50 100,50 0))"),
            c("four grids touching at a corner", "", C1,
                "A@C1=POLYGON((0 0,50 0,50 50,0 50,0 0))", "B@C1=POLYGON((50 0,100 0,100 50,50 50,50 0))",
                "C@C1=POLYGON((0 50,50 50,50 100,0 100,0 50))", "D@C1=POLYGON((50 50,100 50,100 100,50 100,50 50))"),
            c("a gap between two grids", "GAP×1:1000", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((60 0,100 0,100 100,60 100,60 0))"),
            c("an overlap", "OVERLAP×1:500", C1,
                "A@C1=POLYGON((0 0,55 0,55 100,0 100,0 0))", "B@C1=POLYGON((50 0,100 0,100 100,50 100,50 0))"),
            c("a grid reaching outside its community", "OUTSIDE_COMMUNITY×1:1000", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((50 0,110 0,110 100,50 100,50 0))"),
            c("a gap sliver just below tolerance (0.9 m²): not a gap, but the edges do not match", "INVALID_EDGE×1:100", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((50.009 0,100 0,100 100,50.009 100,50.009 0))"),
            c("a gap sliver just above tolerance (1.1 m²)", "GAP×1:1.1", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((50.011 0,100 0,100 100,50.011 100,50.011 0))"),
            c("an overlap sliver just below tolerance (0.9 m²): not an overlap, but the edges do not match",
                "INVALID_EDGE×1:100", C1,
                "A@C1=POLYGON((0 0,50.009 0,50.009 100,0 100,0 0))", "B@C1=POLYGON((50 0,100 0,100 100,50 100,50 0))"),
            c("an overlap sliver just above tolerance (1.1 m²)", "OVERLAP×1:1.1", C1,
                "A@C1=POLYGON((0 0,50.011 0,50.011 100,0 100,0 0))", "B@C1=POLYGON((50 0,100 0,100 100,50 100,50 0))"),
            c("a hole inside a grid that no grid fills", "GAP×1:400", C1,
                "A@C1=POLYGON((0 0,100 0,100 100,0 100,0 0),(40 40,60 40,60 60,40 60,40 40))"),
            c("a hole filled by an island grid", "", C1,
                "A@C1=POLYGON((0 0,100 0,100 100,0 100,0 0),(40 40,60 40,60 60,40 60,40 40))",
                "B@C1=POLYGON((40 40,60 40,60 60,40 60,40 40))"),
            c("multipolygon grids in a checkerboard", "", C1,
                "A@C1=MULTIPOLYGON(((0 0,50 0,50 50,0 50,0 0)),((50 50,100 50,100 100,50 100,50 50)))",
                "B@C1=MULTIPOLYGON(((50 0,100 0,100 50,50 50,50 0)),((0 50,50 50,50 100,0 100,0 50)))"),
            c("a community with no grids at all", "COMMUNITY_WITHOUT_GRIDS×1:10000", C1 + ";" + C2,
                "A@C1=POLYGON((0 0,100 0,100 100,0 100,0 0))"),
            c("neighbours whose vertices do not match (T-junction)", "INVALID_EDGE×1:100", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((50 0,100 0,100 50,50 50,50 0))",
                "C@C1=POLYGON((50 50,100 50,100 100,50 100,50 50))"),
            c("the same grid drawn twice", "OVERLAP×1:5000;GAP×1:5000", C1,
                "A@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))", "B@C1=POLYGON((0 0,50 0,50 100,0 100,0 0))"),
            c("a grid spilling into the next community over its grid", "OUTSIDE_COMMUNITY×1:1000;OVERLAP×1:1000",
                C1 + ";" + C2,
                "A@C1=POLYGON((0 0,110 0,110 100,0 100,0 0))", "B@C2=POLYGON((100 0,200 0,200 100,100 100,100 0))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatIsWrongAndNothingElse(Case tc) throws ParseException {
        WKTReader wkt = new WKTReader();
        List<Community> communities = new ArrayList<>();
        for (String s : tc.communities()) {
            String[] kv = s.split("=", 2);
            communities.add(new Community(kv[0], wkt.read(kv[1])));
        }
        List<GridShape> grids = new ArrayList<>();
        for (String s : tc.grids()) {
            String[] kv = s.split("=", 2);
            String[] cg = kv[0].split("@");
            grids.add(new GridShape(cg[0], cg[1], wkt.read(kv[1])));
        }
        List<Finding> found = new CoverageEngine(1.0, 0.5).analyze(communities, grids).findings();
        Map<String, double[]> byKind = new TreeMap<>();
        for (Finding f : found) {
            double[] v = byKind.computeIfAbsent(f.kind().name(), k -> new double[2]);
            v[0]++;
            v[1] += f.kind() == Kind.INVALID_EDGE ? f.lengthM() : f.areaM2();
        }
        Map<String, double[]> expected = new TreeMap<>();
        if (!tc.expected().isEmpty()) {
            for (String e : tc.expected().split(";")) {
                String[] kc = e.split("[×:]");
                expected.put(kc[0], new double[] {Double.parseDouble(kc[1]), Double.parseDouble(kc[2])});
            }
        }
        assertEquals(expected.keySet(), byKind.keySet(), "kinds found: " + found);
        for (var e : expected.entrySet()) {
            double[] got = byKind.get(e.getKey());
            assertEquals(e.getValue()[0], got[0], e.getKey() + " count: " + found);
            if (e.getKey().equals("INVALID_EDGE")) {
                // JTS flags whole segments, so the flagged length covers at least the mismatched boundary.
                org.junit.jupiter.api.Assertions.assertTrue(got[1] >= e.getValue()[1] * 0.99,
                        "INVALID_EDGE length " + got[1] + " < " + e.getValue()[1]);
            } else {
                assertEquals(e.getValue()[1], got[1], Math.max(0.01, e.getValue()[1] * 0.001), e.getKey() + " total");
            }
        }
    }
}
