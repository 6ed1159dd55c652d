package org.gridmap.sample;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaichengSampleGeneratorTest {

    static SampleCity city;

    @BeforeAll
    static void generate() {
        city = new BaichengSampleGenerator().generate();
    }

    @Test
    void meetsTheDistrictScaleOfTheSeeds() {
        long streets = city.areas().stream().filter(a -> a.level().equals("STREET")).count();
        long communities = city.areas().stream().filter(a -> a.level().equals("COMMUNITY")).count();
        System.out.printf("streets=%d communities=%d grids=%d buildings=%d households=%d stewards=%d shelters=%d zones=%d%n",
                streets, communities, city.grids().size(), city.buildings().size(), city.households().size(),
                city.stewards().size(), city.shelters().size(), city.zones().size());
        assertTrue(streets >= 7, "streets " + streets);
        assertTrue(communities >= 39, "communities " + communities);
        assertTrue(city.grids().size() >= 400, "grids " + city.grids().size());
        assertTrue(city.buildings().size() >= 40_000, "buildings " + city.buildings().size());
        assertTrue(city.households().size() >= 200_000, "households " + city.households().size());
    }

    @Test
    void mostGridsHoldThreeToFiveHundredHouseholds() {
        int[] hh = BaichengSampleGenerator.householdsPerGrid(city);
        long inBand = Arrays.stream(hh).filter(h -> h >= 300 && h <= 500).count();
        System.out.printf("grids in 300–500 band: %d of %d (min %d, max %d)%n", inBand, hh.length,
                Arrays.stream(hh).min().orElse(0), Arrays.stream(hh).max().orElse(0));
        assertTrue(inBand >= hh.length * 0.8, "in band " + inBand + " of " + hh.length);
        assertEquals(city.households().size(), Arrays.stream(hh).sum());
    }

    @Test
    void gridCodesAreCommunityCodePlusSequenceAndUnique() {
        Set<String> codes = new HashSet<>();
        for (SampleCity.Grid g : city.grids()) {
            assertTrue(g.code().matches("\\d{15}"), g.code());
            assertEquals(g.communityCode(), g.code().substring(0, 12));
            assertTrue(codes.add(g.code()), "duplicate " + g.code());
        }
    }

    @Test
    void gridsFormACleanCoverageOfEachCommunity() {
        GeometryFactory gf = new GeometryFactory();
        Geometry[] grids = city.grids().stream().map(SampleCity.Grid::geom).toArray(Geometry[]::new);
        Geometry[] invalid = CoverageValidator.validate(grids);
        long bad = Arrays.stream(invalid).filter(g -> g != null).count();
        assertEquals(0, bad, "grids with invalid coverage edges");
        var byCommunity = city.grids().stream().collect(Collectors.groupingBy(SampleCity.Grid::communityCode));
        for (SampleCity.Area a : city.areas()) {
            if (!a.level().equals("COMMUNITY")) {
                continue;
            }
            List<SampleCity.Grid> gs = byCommunity.get(a.code());
            Geometry union = gf.buildGeometry(gs.stream().map(SampleCity.Grid::geom).toList()).union();
            double sym = union.symDifference(a.geom()).getArea();
            assertTrue(sym < 1e-12, a.name() + " symmetric difference " + sym);
        }
    }

    @Test
    void everyBuildingLiesInsideExactlyOneGrid() {
        var index = new org.locationtech.jts.index.strtree.STRtree();
        city.grids().forEach(g -> index.insert(g.geom().getEnvelopeInternal(), g));
        int sampled = 0;
        for (int k = 0; k < city.buildings().size(); k += 37) {
            Geometry b = city.buildings().get(k).geom();
            @SuppressWarnings("unchecked")
            List<SampleCity.Grid> hits = index.query(b.getEnvelopeInternal());
            long containing = hits.stream().filter(g -> g.geom().covers(b)).count();
            assertEquals(1, containing, "building " + city.buildings().get(k).id());
            sampled++;
        }
        assertTrue(sampled > 1000);
    }

    @Test
    void sameSeedSameCity() {
        SampleCity again = new BaichengSampleGenerator().generate();
        assertEquals(city.households().size(), again.households().size());
        assertEquals(city.buildings().get(12345), again.buildings().get(12345));
        assertEquals(city.households().get(100_000), again.households().get(100_000));
    }

    @Test
    void aboutAFifthOfResidentsAreOverSixtyAndFloodZonesTouchTheCity() {
        long people = city.households().stream().mapToLong(SampleCity.Household::members).sum();
        long elderly70 = city.households().stream().mapToLong(SampleCity.Household::elderly).sum();
        long livingAlone = city.households().stream().filter(SampleCity.Household::livingAlone).count();
        System.out.printf("households living alone aged 60+: %d%n", livingAlone);
        System.out.printf("people=%d, aged 70+=%d (%.1f%%)%n", people, elderly70, 100.0 * elderly70 / people);
        assertTrue(elderly70 > people * 0.05 && elderly70 < people * 0.2);
        Geometry district = city.areas().get(1).geom();
        long touching = city.zones().stream().filter(z -> z.geom().intersects(district)).count();
        assertTrue(touching >= 10, "zones touching the district: " + touching);
        for (SampleCity.Zone z : city.zones()) {
            assertTrue(z.geom().isValid(), "zone valid");
        }
    }

    @Test
    void chineseNumbers() {
        assertEquals("一", BaichengSampleGenerator.chineseNumber(1));
        assertEquals("十", BaichengSampleGenerator.chineseNumber(10));
        assertEquals("十二", BaichengSampleGenerator.chineseNumber(12));
        assertEquals("二十", BaichengSampleGenerator.chineseNumber(20));
        assertEquals("三十五", BaichengSampleGenerator.chineseNumber(35));
        assertEquals("一百零五", BaichengSampleGenerator.chineseNumber(105));
        assertEquals("一百一十二", BaichengSampleGenerator.chineseNumber(112));
    }
}
