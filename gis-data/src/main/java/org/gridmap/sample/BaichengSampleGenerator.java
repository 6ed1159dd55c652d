package org.gridmap.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridmap.geo.Reproject;
import org.gridmap.sample.SampleCity.Area;
import org.gridmap.sample.SampleCity.Building;
import org.gridmap.sample.SampleCity.Grid;
import org.gridmap.sample.SampleCity.Household;
import org.gridmap.sample.SampleCity.Inundation;
import org.gridmap.sample.SampleCity.Road;
import org.gridmap.sample.SampleCity.Scenario;
import org.gridmap.sample.SampleCity.Shelter;
import org.gridmap.sample.SampleCity.Steward;
import org.gridmap.sample.SampleCity.Water;
import org.gridmap.sample.SampleCity.Zone;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic generator of the Baicheng (白城市洮北区) sample city.
 *
 * <p>Real: the district, its 街道 and 社区 with their NBS 2023 codes and names, the GSHHG rivers and lakes.
 * Synthetic (and labelled so in gis-data/README.md): every polygon of the urban area, roads, buildings,
 * households and their people, stewards, shelters, the city river and the flood scenarios.
 *
 * <p>Layout: the urban area is a lattice of 200 m blocks centred on 122.84 E, 45.62 N, worked in
 * CGCS2000 / 3-degree Gauss-Krüger CM 123E (EPSG:4550) metres, gently warped and rotated, then transformed to
 * EPSG:4326. Road centrelines run along block edges; each block is split by a lane into a north and a south
 * half-unit. Streets, communities and grids are rectangles of half-units found by recursive bisection on
 * household counts, so the coverage is clean: no gaps, no overlaps, and neighbours share every vertex.
 *
 * <p>The same seed and household target always give the same city.
 */
public final class BaichengSampleGenerator {

    public static final long DEFAULT_SEED = 20260701L;
    /** Aimed a little above the 200,000 households the acceptance asks for; the result lands near it. */
    public static final int DEFAULT_HOUSEHOLDS = 235_000;
    public static final String COUNTY_CODE = "220802";
    public static final String CITY_CODE = "220800";

    static final double BLOCK_W = 200.0;
    static final double HALF_H = 100.0;
    static final double CENTRE_LON = 122.84;
    static final double CENTRE_LAT = 45.62;
    static final double ROTATION_DEG = 7.0;
    /** Households a grid is cut for: the middle of the 300–500 band. */
    static final int GRID_TARGET_HOUSEHOLDS = 400;
    /** Average households per half-unit seen with the block mix below; sizes the lattice. */
    static final double EXPECTED_HOUSEHOLDS_PER_UNIT = 146.0;

    enum BlockType { PINGFANG, LOWRISE, HIGHRISE, MIXED, PUBLIC }

    private final long seed;
    private final int targetHouseholds;
    private final Random rnd;
    private final GeometryFactory gf = new GeometryFactory(new PrecisionModel(1e7), 4326);
    private final GeometryFactory gfm = new GeometryFactory(new PrecisionModel(), 4550);
    private final Reproject.PointFunction toWgs;
    private final double x0;
    private final double y0;
    private final int cols;
    private final int blockRows;
    private final int halfRows;
    private final double[][] nodeLon;
    private final double[][] nodeLat;
    private final BlockType[][] blockTypes;
    private final double[][] unitHouseholds;
    private final List<List<Integer>> unitBuildings = new ArrayList<>();

    private final List<Building> buildings = new ArrayList<>();
    private final List<Household> households = new ArrayList<>();
    private final List<Shelter> shelters = new ArrayList<>();
    private final List<Steward> stewards = new ArrayList<>();
    private final Map<String, Integer> roadNumbers = new HashMap<>();
    private final List<double[]> buildingCentresLocal = new ArrayList<>();
    private int stewardSeq;
    private int publicSeq;

    public BaichengSampleGenerator() {
        this(DEFAULT_SEED, DEFAULT_HOUSEHOLDS);
    }

    /**
     * @param seed             random seed; the same seed and target give the same city
     * @param targetHouseholds approximate number of households, at least 5,000 (the lattice is sized from it)
     */
    public BaichengSampleGenerator(long seed, int targetHouseholds) {
        if (targetHouseholds < 5_000) {
            throw new IllegalArgumentException("targetHouseholds must be at least 5000, was " + targetHouseholds);
        }
        this.seed = seed;
        this.targetHouseholds = targetHouseholds;
        this.rnd = new Random(seed);
        this.toWgs = Reproject.epsg(4550, 4326);
        double[] c = new double[2];
        Reproject.epsg(4326, 4550).apply(CENTRE_LON, CENTRE_LAT, c);
        this.x0 = c[0];
        this.y0 = c[1];
        double units = targetHouseholds / EXPECTED_HOUSEHOLDS_PER_UNIT;
        double blocks = units / 2.0;
        this.cols = (int) Math.max(4, Math.round(Math.sqrt(blocks * 1.25)));
        this.blockRows = (int) Math.max(3, Math.round(blocks / cols));
        this.halfRows = blockRows * 2;
        this.nodeLon = new double[cols + 1][halfRows + 1];
        this.nodeLat = new double[cols + 1][halfRows + 1];
        this.blockTypes = new BlockType[cols][blockRows];
        this.unitHouseholds = new double[cols][halfRows];
    }

    public int columns() {
        return cols;
    }

    public int halfRows() {
        return halfRows;
    }

    /** Builds the whole city. */
    public SampleCity generate() {
        computeNodes();
        assignBlockTypes();
        for (int j = 0; j < halfRows; j++) {
            for (int i = 0; i < cols; i++) {
                unitBuildings.add(new ArrayList<>());
            }
        }
        for (int jb = 0; jb < blockRows; jb++) {
            for (int i = 0; i < cols; i++) {
                for (int half = 0; half < 2; half++) {
                    fillUnit(i, jb * 2 + half);
                }
            }
        }
        List<Area> areas = new ArrayList<>();
        List<Grid> grids = new ArrayList<>();
        partition(areas, grids);
        List<Road> roads = roads();
        List<Scenario> scenarios = new ArrayList<>();
        List<Zone> zones = new ArrayList<>();
        List<Water> waters = new ArrayList<>();
        floods(scenarios, zones, waters);
        List<Inundation> inundations = inundations(zones);
        waters.addAll(seedWaters());
        return new SampleCity(List.copyOf(areas), List.copyOf(grids), List.copyOf(roads), List.copyOf(buildings),
                List.copyOf(households), List.copyOf(stewards), List.copyOf(scenarios), List.copyOf(zones),
                List.copyOf(inundations), List.copyOf(shelters), List.copyOf(waters));
    }

    // ---------------------------------------------------------------- lattice and coordinates

    /** Local metres (origin at the city centre, before warp and rotation) to EPSG:4550. */
    private double[] toProjected(double lx, double ly) {
        double wx = lx + 14 * Math.sin(ly / 650.0 + 0.7) + 8 * Math.sin(lx / 1170.0);
        double wy = ly + 12 * Math.sin(lx / 830.0 + 1.3) + 6 * Math.sin(ly / 510.0);
        double t = Math.toRadians(ROTATION_DEG);
        return new double[] {x0 + wx * Math.cos(t) - wy * Math.sin(t), y0 + wx * Math.sin(t) + wy * Math.cos(t)};
    }

    private Coordinate toLonLat(double lx, double ly) {
        double[] p = toProjected(lx, ly);
        double[] out = new double[2];
        toWgs.apply(p[0], p[1], out);
        return new Coordinate(round7(out[0]), round7(out[1]));
    }

    private static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    private double localX(int i) {
        return i * BLOCK_W - cols * BLOCK_W / 2.0;
    }

    private double localY(int j) {
        return j * HALF_H - halfRows * HALF_H / 2.0;
    }

    private void computeNodes() {
        for (int i = 0; i <= cols; i++) {
            for (int j = 0; j <= halfRows; j++) {
                Coordinate c = toLonLat(localX(i), localY(j));
                nodeLon[i][j] = c.x;
                nodeLat[i][j] = c.y;
            }
        }
    }

    private Coordinate node(int i, int j) {
        return new Coordinate(nodeLon[i][j], nodeLat[i][j]);
    }

    /** A rectangle of half-units, columns [c0,c1) and half-rows [r0,r1), with every lattice node on its edge. */
    record Rect(int c0, int c1, int r0, int r1) {
        int width() {
            return c1 - c0;
        }

        int height() {
            return r1 - r0;
        }
    }

    private Polygon rectPolygon(Rect r) {
        List<Coordinate> ring = new ArrayList<>();
        for (int i = r.c0; i < r.c1; i++) {
            ring.add(node(i, r.r0));
        }
        for (int j = r.r0; j < r.r1; j++) {
            ring.add(node(r.c1, j));
        }
        for (int i = r.c1; i > r.c0; i--) {
            ring.add(node(i, r.r1));
        }
        for (int j = r.r1; j > r.r0; j--) {
            ring.add(node(r.c0, j));
        }
        ring.add(ring.get(0));
        return gf.createPolygon(ring.toArray(Coordinate[]::new));
    }

    private MultiPolygon multi(Polygon p) {
        return gf.createMultiPolygon(new Polygon[] {p});
    }

    /** A building rectangle inside half-unit (i, j), in the unit's local metres a ∈ [0,200] east, b ∈ [0,100] north. */
    private Polygon box(int i, int j, double a0, double b0, double a1, double b1) {
        double bx = localX(i);
        double by = localY(j);
        Coordinate[] cs = {
            toLonLat(bx + a0, by + b0), toLonLat(bx + a1, by + b0), toLonLat(bx + a1, by + b1),
            toLonLat(bx + a0, by + b1), null};
        cs[4] = cs[0];
        buildingCentresLocal.add(new double[] {bx + (a0 + a1) / 2, by + (b0 + b1) / 2});
        return gf.createPolygon(cs);
    }

    // ---------------------------------------------------------------- block types and buildings

    private void assignBlockTypes() {
        for (int i = 0; i < cols; i++) {
            for (int jb = 0; jb < blockRows; jb++) {
                double dx = (i + 0.5 - cols / 2.0) / (cols / 2.0);
                double dy = (jb + 0.5 - blockRows / 2.0) / (blockRows / 2.0);
                double d = Math.min(1.0, Math.hypot(dx, dy) / Math.sqrt(2) + (rnd.nextDouble() - 0.5) * 0.2);
                boolean riverside = jb < 3; // the old single-storey quarters along the river in the south
                double p = rnd.nextDouble();
                BlockType t;
                if (riverside && p < 0.45) {
                    t = BlockType.PINGFANG;
                } else if (d < 0.22) {
                    t = p < 0.32 ? BlockType.HIGHRISE : p < 0.80 ? BlockType.LOWRISE : p < 0.90 ? BlockType.PUBLIC
                            : BlockType.MIXED;
                } else if (d < 0.5) {
                    t = p < 0.06 ? BlockType.HIGHRISE : p < 0.52 ? BlockType.LOWRISE : p < 0.74 ? BlockType.MIXED
                            : p < 0.92 ? BlockType.PINGFANG : BlockType.PUBLIC;
                } else {
                    t = p < 0.50 ? BlockType.PINGFANG : p < 0.70 ? BlockType.MIXED : p < 0.92 ? BlockType.LOWRISE
                            : BlockType.PUBLIC;
                }
                blockTypes[i][jb] = t;
            }
        }
    }

    private void fillUnit(int i, int j) {
        boolean north = j % 2 == 1;
        double b0 = north ? 4 : 10;
        double b1 = north ? 90 : 96;
        String road = north ? weiRoad(j + 1) : weiRoad(j);
        BlockType t = blockTypes[i][j / 2];
        int before = households.size();
        switch (t) {
            case PINGFANG -> pingfang(i, j, 10, 190, b0, b1, road);
            case LOWRISE -> {
                lowrise(i, j, 14, b0, b1, road);
                lowrise(i, j, 94, b0, b1, road);
                ancillary(i, j, 170, 188, b0 + 2, road);
                ancillary(i, j, 170, 188, b1 - 14, road);
            }
            case HIGHRISE -> {
                for (double a : new double[] {14, 76, 138}) {
                    highrise(i, j, a, b0, b1, road);
                }
                ancillary(i, j, 52, 72, b0 + 2, road);
            }
            case MIXED -> {
                pingfang(i, j, 10, 100, b0, b1, road);
                lowrise(i, j, 112, b0, b1, road);
            }
            case PUBLIC -> publicUnit(i, j, b0, b1, road);
        }
        unitHouseholds[i][j] = households.size() - before;
    }

    private String nextAddress(String road) {
        int n = roadNumbers.merge(road, 1, Integer::sum);
        return "白城市洮北区" + road + n + "号";
    }

    private String addBuilding(int i, int j, Polygon geom, String name, String address, int floors, int units,
                               String structure, String grade, boolean basement, String use) {
        String id = String.format("BC%06d", buildings.size() + 1);
        buildings.add(new Building(id, name, address, floors, units, structure, grade, basement, use, geom));
        unitBuildings.get(j * cols + i).add(buildings.size() - 1);
        return id;
    }

    private void pingfang(int i, int j, double aFrom, double aTo, double b0, double b1, String road) {
        int lotCols = (int) Math.floor((aTo - aFrom) / 15.0);
        int lotRows = 6;
        double lw = (aTo - aFrom) / lotCols;
        double ld = (b1 - b0) / lotRows;
        String lane = road + (i + 1) + "巷";
        for (int r = 0; r < lotRows; r++) {
            for (int c = 0; c < lotCols; c++) {
                double la = aFrom + c * lw;
                double lb = b0 + r * ld;
                double w = 9.5 + rnd.nextDouble() * 3.0;
                double d = 6.5 + rnd.nextDouble() * 1.5;
                double a0 = la + 1.0 + rnd.nextDouble() * (lw - w - 2.0);
                double bTop = lb + ld - 1.0;
                String grade = pick(new String[] {"A", "B", "C", "D"}, new double[] {0.05, 0.55, 0.32, 0.08});
                String address = "白城市洮北区" + lane + (r * lotCols + c + 1) + "号";
                String id = addBuilding(i, j, box(i, j, a0, bTop - d, a0 + w, bTop), null, address, 1, 0,
                        "SINGLE_STOREY", grade, false, "RESIDENTIAL");
                int hh = rnd.nextDouble() < 0.14 ? 2 : 1;
                for (int k = 0; k < hh; k++) {
                    household(id, null, 1, k == 0 ? "正房" : "厢房", true);
                }
                if (rnd.nextDouble() < 0.08) { // a shed (仓房) in the yard: a building with no households
                    double sa = la + 1.0 + rnd.nextDouble() * Math.max(0.1, lw - 6.0);
                    addBuilding(i, j, box(i, j, sa, lb + 1.0, sa + 4.0, lb + 4.0), "仓房", address, 1, 0, "OTHER",
                            null, false, "OTHER");
                }
            }
        }
    }

    private void lowrise(int i, int j, double aStart, double b0, double b1, String road) {
        double slot = (b1 - b0) / 3.0;
        for (int r = 0; r < 3; r++) {
            int units = rnd.nextDouble() < 0.55 ? 3 : 2;
            double len = units * 18.0;
            int floors = pickInt(new int[] {5, 6, 7}, new double[] {0.25, 0.5, 0.25});
            boolean basement = rnd.nextDouble() < 0.06;
            String structure = rnd.nextDouble() < 0.85 ? "BRICK_CONCRETE" : "FRAME";
            String grade = pick(new String[] {"A", "B", "C", "D"}, new double[] {0.30, 0.60, 0.085, 0.015});
            double bTop = b0 + (r + 1) * slot - 3.0;
            String address = nextAddress(road);
            String id = addBuilding(i, j, box(i, j, aStart, bTop - 12.0, aStart + len, bTop), null, address, floors,
                    units, structure, grade, basement, "RESIDENTIAL");
            for (int u = 1; u <= units; u++) {
                for (int f = 1; f <= floors; f++) {
                    for (int door = 1; door <= 2; door++) {
                        household(id, u, f, String.format("%d%02d", f, door), false);
                    }
                }
            }
            if (basement) {
                int n = 1 + rnd.nextInt(3);
                for (int k = 1; k <= n; k++) {
                    household(id, 1 + rnd.nextInt(units), 0, "地下室" + k, true);
                }
            }
            unitChiefs(id, units);
        }
    }

    private void highrise(int i, int j, double aStart, double b0, double b1, String road) {
        int floors = 18 + rnd.nextInt(13);
        double mid = (b0 + b1) / 2.0;
        String address = nextAddress(road);
        String id = addBuilding(i, j, box(i, j, aStart, mid - 8.5, aStart + 34.0, mid + 8.5), null, address,
                floors, 2, "REINFORCED_CONCRETE", rnd.nextDouble() < 0.9 ? "A" : "B", false, "RESIDENTIAL");
        for (int u = 1; u <= 2; u++) {
            for (int f = 1; f <= floors; f++) {
                for (int door = 1; door <= 2; door++) {
                    household(id, u, f, String.format("%d%02d", f, door), false);
                }
            }
        }
        unitChiefs(id, 2);
    }

    private void ancillary(int i, int j, double a0, double a1, double b, String road) {
        addBuilding(i, j, box(i, j, a0, b, a1, b + 10.0), "商铺", nextAddress(road), 1 + rnd.nextInt(2), 0,
                "BRICK_CONCRETE", "B", false, "COMMERCIAL");
    }

    private void publicUnit(int i, int j, double b0, double b1, String road) {
        double p = rnd.nextDouble();
        int n = ++publicSeq;
        String address = nextAddress(road);
        if (p < 0.38) {
            String name = "白城市第" + chineseNumber(n) + "学校";
            addBuilding(i, j, box(i, j, 20, b1 - 20, 95, b1 - 4), name + "教学楼", address, 4, 0, "FRAME", "A", false,
                    "PUBLIC");
            addBuilding(i, j, box(i, j, 110, b0 + 6, 150, b0 + 32), name + "体育馆", address, 2, 0, "FRAME", "A",
                    false, "PUBLIC");
            shelter(i, j, 57, b1 - 12, name, "SCHOOL", 900 + rnd.nextInt(700), rnd.nextDouble() < 0.75, address);
        } else if (p < 0.60) {
            String name = "第" + chineseNumber(n) + "社区服务中心";
            addBuilding(i, j, box(i, j, 60, b0 + 20, 92, b0 + 42), name, address, 3, 0, "FRAME", "A", false,
                    "PUBLIC");
            shelter(i, j, 76, b0 + 31, name, "COMMUNITY_CENTRE", 200 + rnd.nextInt(250), rnd.nextDouble() < 0.9,
                    address);
        } else if (p < 0.75) {
            String name = "白城市第" + chineseNumber(n) + "体育馆";
            addBuilding(i, j, box(i, j, 40, b0 + 8, 110, b0 + 60), name, address, 2, 0, "REINFORCED_CONCRETE", "A",
                    false, "PUBLIC");
            shelter(i, j, 75, b0 + 34, name, "GYM", 1200 + rnd.nextInt(1000), true, address);
        } else if (p < 0.90) {
            addBuilding(i, j, box(i, j, 30, b0 + 10, 110, b0 + 28), "医院门诊楼", address, 6, 0, "FRAME", "A", false,
                    "PUBLIC");
            addBuilding(i, j, box(i, j, 120, b0 + 10, 170, b0 + 40), "医院住院楼", address, 9, 0, "FRAME", "A", false,
                    "PUBLIC");
        } else {
            addBuilding(i, j, box(i, j, 90, b0 + 30, 100, b0 + 38), "公园管理用房", address, 1, 0, "BRICK_CONCRETE",
                    "B", false, "PUBLIC");
        }
    }

    private void shelter(int i, int j, double a, double b, String name, String kind, int capacity, boolean accessible,
                         String address) {
        Coordinate c = toLonLat(localX(i) + a, localY(j) + b);
        shelters.add(new Shelter(String.format("SH%03d", shelters.size() + 1), name, kind, capacity, accessible,
                address, gf.createPoint(c)));
    }

    // ---------------------------------------------------------------- people

    private static final String[] SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾"
            + "彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹")
            .split("");
    private static final String[] GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰凤兰淑珍文"
            + "志强海燕红梅春华秀珍德胜宝山玉珍立新淑华子轩欣怡浩然雨桐一诺梓涵")
            .split("");

    private String personName() {
        String s = SURNAMES[rnd.nextInt(SURNAMES.length)];
        int n = rnd.nextDouble() < 0.7 ? 2 : 1;
        StringBuilder b = new StringBuilder(s);
        for (int k = 0; k < n; k++) {
            b.append(GIVEN[rnd.nextInt(GIVEN.length)]);
        }
        return b.toString();
    }

    private String phone() {
        String[] prefixes = {"130", "131", "132", "135", "136", "138", "139", "150", "151", "155", "158", "159", "177",
            "180", "186", "187", "188", "189", "199"};
        return prefixes[rnd.nextInt(prefixes.length)] + String.format("%08d", rnd.nextInt(100_000_000));
    }

    /** A well-formed 18-digit 居民身份证号码 (GB 11643) for a person of the given age; synthetic. */
    private String idNumber(int age) {
        LocalDate birth = LocalDate.of(2026 - age, 1, 1).plusDays(rnd.nextInt(365));
        String body = COUNTY_CODE + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth()) + String.format("%03d", rnd.nextInt(1000));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body.charAt(k) - '0') * w[k];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private void household(String buildingId, Integer unit, int floor, String room, boolean olderQuarter) {
        double p = rnd.nextDouble();
        double shift = olderQuarter ? 0.06 : 0.0; // single-storey quarters and basements skew older
        List<Integer> ages = new ArrayList<>();
        if (p < 0.07 + shift) {
            ages.add(65 + rnd.nextInt(28));
        } else if (p < 0.14 + shift) {
            ages.add(20 + rnd.nextInt(40));
        } else if (p < 0.26 + shift * 2) {
            ages.add(60 + rnd.nextInt(31));
            ages.add(60 + rnd.nextInt(29));
        } else if (p < 0.43 + shift * 2) {
            ages.add(25 + rnd.nextInt(35));
            ages.add(25 + rnd.nextInt(35));
        } else if (p < 0.90) {
            int parent = 25 + rnd.nextInt(26);
            ages.add(parent);
            ages.add(parent + rnd.nextInt(5) - 2);
            int kids = rnd.nextDouble() < 0.7 ? 1 : 2;
            for (int k = 0; k < kids; k++) {
                ages.add(rnd.nextInt(Math.min(18, parent - 20)));
            }
        } else {
            ages.add(60 + rnd.nextInt(29));
            ages.add(60 + rnd.nextInt(27));
            int parent = 30 + rnd.nextInt(20);
            ages.add(parent);
            ages.add(parent + rnd.nextInt(5) - 2);
            int kids = rnd.nextDouble() < 0.6 ? 1 : 2;
            for (int k = 0; k < kids; k++) {
                ages.add(rnd.nextInt(13));
            }
        }
        int elderly = 0;
        int children = 0;
        int sick = 0;
        int disabled = 0;
        int oldest = 0;
        for (int a : ages) {
            oldest = Math.max(oldest, a);
            if (a >= 70) {
                elderly++;
            }
            if (a < 6) {
                children++;
            }
            double sickP = a >= 70 ? 0.08 : a >= 60 ? 0.03 : 0.005;
            if (rnd.nextDouble() < sickP) {
                sick++;
            }
            if (rnd.nextDouble() < (a >= 60 ? 0.05 : 0.015)) {
                disabled++;
            }
        }
        boolean youngCouple = ages.size() >= 2 && ages.get(0) < 42 && ages.get(0) >= 22;
        int pregnant = youngCouple && rnd.nextDouble() < 0.03 ? 1 : 0;
        boolean livingAlone = ages.size() == 1 && oldest >= 60;
        String id = String.format("HH%07d", households.size() + 1);
        households.add(new Household(id, buildingId, unit, floor, room, ages.size(), elderly, children, sick,
                disabled, pregnant, livingAlone, oldest, personName(), phone(), idNumber(oldest)));
    }

    private void unitChiefs(String buildingId, int units) {
        steward("BUILDING_CHIEF", null, null, null, buildingId, null);
        for (int u = 1; u <= units; u++) {
            steward("UNIT_CHIEF", null, null, null, buildingId, u);
        }
    }

    private void steward(String role, String areaCode, String gridCode, String road, String buildingId, Integer unit) {
        stewards.add(new Steward(String.format("ST%06d", ++stewardSeq), personName(), phone(), role, areaCode,
                gridCode, road, buildingId, unit));
    }

    // ---------------------------------------------------------------- streets, communities, grids

    private double[][] prefix;

    private double weight(Rect r) {
        return prefix[r.c1][r.r1] - prefix[r.c0][r.r1] - prefix[r.c1][r.r0] + prefix[r.c0][r.r0];
    }

    private void partition(List<Area> areas, List<Grid> grids) {
        prefix = new double[cols + 1][halfRows + 1];
        for (int i = 1; i <= cols; i++) {
            for (int j = 1; j <= halfRows; j++) {
                prefix[i][j] = unitHouseholds[i - 1][j - 1] + prefix[i - 1][j] + prefix[i][j - 1]
                        - prefix[i - 1][j - 1];
            }
        }
        List<SeedData.Town> streets = SeedData.towns().stream()
                .filter(t -> t.countyCode().equals(COUNTY_CODE) && t.type().equals("街道"))
                .sorted(Comparator.comparing(SeedData.Town::code)).toList();
        Map<String, List<SeedData.Village>> communitiesByStreet = new HashMap<>();
        for (SeedData.Village v : SeedData.villages()) {
            communitiesByStreet.computeIfAbsent(v.townCode(), k -> new ArrayList<>()).add(v);
        }
        communitiesByStreet.values().forEach(l -> l.sort(Comparator.comparing(SeedData.Village::code)));
        if (streets.size() != 9) {
            throw new IllegalStateException("expected the 9 urban 街道 of 洮北区 in the seed data, found " + streets.size());
        }
        SeedData.County county = SeedData.counties().stream().filter(c -> c.code().equals(COUNTY_CODE)).findFirst()
                .orElseThrow();
        Rect all = new Rect(0, cols, 0, halfRows);
        MultiPolygon whole = multi(rectPolygon(all));
        areas.add(new Area(CITY_CODE, county.cityName(), "CITY", null, "地级市", whole));
        areas.add(new Area(COUNTY_CODE, county.name(), "COUNTY", CITY_CODE, "市辖区", whole));

        // Three column bands, west to east, each holding three streets north to south.
        int[][] bandStreets = {{0, 1, 2}, {3, 4, 5}, {6, 8, 7}};
        double[] bandShare = new double[3];
        double totalCommunities = 0;
        for (int b = 0; b < 3; b++) {
            for (int s : bandStreets[b]) {
                bandShare[b] += communitiesByStreet.get(streets.get(s).code()).size();
            }
            totalCommunities += bandShare[b];
        }
        int c = 0;
        double cum = 0;
        for (int b = 0; b < 3; b++) {
            cum += bandShare[b];
            int c1 = b == 2 ? cols : cutColumn(c, cum / totalCommunities * weight(all));
            Rect band = new Rect(c, c1, 0, halfRows);
            double bandWeight = weight(band);
            double inBand = 0;
            int top = halfRows;
            for (int k = 0; k < 3; k++) {
                SeedData.Town street = streets.get(bandStreets[b][k]);
                List<SeedData.Village> comms = communitiesByStreet.get(street.code());
                inBand += comms.size();
                int r0 = k == 2 ? 0 : cutRow(band, top, inBand / bandShare[b] * bandWeight);
                Rect sr = new Rect(c, c1, r0, top);
                areas.add(new Area(street.code(), street.name(), "STREET", COUNTY_CODE, street.type(),
                        multi(rectPolygon(sr))));
                steward("STREET_CHIEF", street.code(), null, null, null, null);
                List<Rect> commRects = readingOrder(bisect(sr, comms.size(), 2));
                for (int m = 0; m < comms.size(); m++) {
                    SeedData.Village v = comms.get(m);
                    Rect cr = commRects.get(m);
                    areas.add(new Area(v.code(), v.name(), "COMMUNITY", street.code(), v.type(),
                            multi(rectPolygon(cr))));
                    List<Rect> gridRects = readingOrder(bestGridSplit(cr));
                    for (int g = 0; g < gridRects.size(); g++) {
                        Rect gr = gridRects.get(g);
                        String code = v.code() + String.format("%03d", g + 1);
                        grids.add(new Grid(code, v.name() + "第" + (g + 1) + "网格", v.code(),
                                multi(rectPolygon(gr)), (int) weight(gr)));
                        steward("GRID_CHIEF", null, code, null, null, null);
                        steward("GRID_WORKER", null, code, null, null, null);
                        if (weight(gr) > 350) {
                            steward("GRID_WORKER", null, code, null, null, null);
                        }
                        steward("CADRE", null, code, null, null, null);
                    }
                }
                top = r0;
            }
            c = c1;
        }
    }

    /** Tries the grid counts around households / 400 and keeps the split with the most grids in the band. */
    private List<Rect> bestGridSplit(Rect community) {
        int guess = (int) Math.max(1, Math.round(weight(community) / GRID_TARGET_HOUSEHOLDS));
        List<Rect> best = null;
        double bestScore = -1;
        for (int n = Math.max(1, guess - 2); n <= guess + 2; n++) {
            List<Rect> split = bisect(community, n, 1);
            double score = 0;
            for (Rect r : split) {
                double w = weight(r);
                score += w >= 300 && w <= 500 ? 1.0 : -Math.min(1.0, Math.min(Math.abs(w - 300), Math.abs(w - 500)) / 1000);
            }
            score /= split.size();
            if (score > bestScore) {
                bestScore = score;
                best = split;
            }
        }
        return best;
    }

    private int cutColumn(int from, double targetCumulative) {
        int best = from + 1;
        double bestDiff = Double.MAX_VALUE;
        for (int i = from + 1; i < cols; i++) {
            double diff = Math.abs(weight(new Rect(0, i, 0, halfRows)) - targetCumulative);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = i;
            }
        }
        return best;
    }

    /** The block-aligned (even) half-row under {@code top} where the band's weight above reaches the target. */
    private int cutRow(Rect band, int top, double targetFromTop) {
        int best = top - 2;
        double bestDiff = Double.MAX_VALUE;
        for (int r = top - 2; r > 0; r -= 2) {
            double above = weight(new Rect(band.c0, band.c1, r, halfRows));
            double diff = Math.abs(above - targetFromTop);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = r;
            }
        }
        return best;
    }

    /** Splits a rectangle into n rectangles of near-equal household weight, cutting across its longer side. */
    private List<Rect> bisect(Rect r, int n, int rowStep) {
        if (n <= 1) {
            return List.of(r);
        }
        int n1 = n / 2;
        int n2 = n - n1;
        Rect[] best = null;
        double bestCost = Double.MAX_VALUE;
        double total = weight(r);
        boolean wide = r.width() * BLOCK_W >= r.height() * HALF_H;
        for (int pass = 0; pass < 2 && (best == null || pass == 1 && bestCost > total * 0.05); pass++) {
            boolean vertical = pass == 0 ? wide : !wide;
            if (vertical) {
                for (int cc = r.c0 + 1; cc < r.c1; cc++) {
                    Rect a = new Rect(r.c0, cc, r.r0, r.r1);
                    Rect b = new Rect(cc, r.c1, r.r0, r.r1);
                    double cost = cutCost(a, b, n1, n2) + (pass == 1 ? total * 0.02 : 0);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = new Rect[] {a, b};
                    }
                }
            } else {
                for (int rr = r.r0 + rowStep; rr < r.r1; rr += rowStep) {
                    Rect a = new Rect(r.c0, r.c1, r.r0, rr);
                    Rect b = new Rect(r.c0, r.c1, rr, r.r1);
                    double cost = cutCost(a, b, n1, n2) + (pass == 1 ? total * 0.02 : 0);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = new Rect[] {a, b};
                    }
                }
            }
        }
        if (best == null) {
            return List.of(r); // a single half-unit cannot be cut further
        }
        List<Rect> out = new ArrayList<>(bisect(best[0], n1, rowStep));
        out.addAll(bisect(best[1], n2, rowStep));
        return out;
    }

    private double cutCost(Rect a, Rect b, int n1, int n2) {
        int unitsA = a.width() * a.height();
        int unitsB = b.width() * b.height();
        if (unitsA < n1 || unitsB < n2) {
            return Double.MAX_VALUE / 2;
        }
        return Math.abs(weight(a) / n1 - weight(b) / n2);
    }

    /** 统一编码: north to south by rows, west to east within a row (by the rectangle's north-west corner). */
    private static List<Rect> readingOrder(List<Rect> rects) {
        List<Rect> out = new ArrayList<>(rects);
        out.sort(Comparator.comparingInt((Rect r) -> -(r.r0 + r.r1)).thenComparingInt(r -> r.c0 + r.c1));
        return out;
    }

    // ---------------------------------------------------------------- roads

    private String jingRoad(int i) {
        return "经" + chineseNumber(i + 1) + "路";
    }

    private String weiRoad(int j) {
        return "纬" + chineseNumber((halfRows - j) / 2 + 1) + "路";
    }

    private List<Road> roads() {
        List<Road> roads = new ArrayList<>();
        for (int i = 0; i <= cols; i++) {
            Coordinate[] cs = new Coordinate[halfRows + 1];
            for (int j = 0; j <= halfRows; j++) {
                cs[j] = node(i, j);
            }
            roads.add(new Road(jingRoad(i), "MAIN", gf.createLineString(cs)));
            steward("ROAD_CHIEF", null, null, jingRoad(i), null, null);
        }
        for (int j = 0; j <= halfRows; j++) {
            Coordinate[] cs = new Coordinate[cols + 1];
            for (int i = 0; i <= cols; i++) {
                cs[i] = node(i, j);
            }
            boolean lane = j % 2 == 1;
            roads.add(new Road(lane ? weiRoad(j - 1) + "北巷" : weiRoad(j), lane ? "LANE" : "MAIN",
                    gf.createLineString(cs)));
            if (!lane) {
                steward("ROAD_CHIEF", null, null, weiRoad(j), null, null);
            }
        }
        return roads;
    }

    // ---------------------------------------------------------------- floods

    private Geometry toWgs(Geometry g) {
        Geometry copy = Reproject.copy(g, toWgs, 4326, 7);
        Geometry w = gf.createGeometry(copy);
        return w.isValid() ? w : GeometryFixer.fix(w);
    }

    private MultiPolygon polygonal(Geometry g) {
        List<Polygon> parts = new ArrayList<>();
        for (int k = 0; k < g.getNumGeometries(); k++) {
            if (g.getGeometryN(k) instanceof Polygon p && !p.isEmpty()) {
                parts.add(p);
            }
        }
        return gf.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    static String depthClass(double d) {
        if (d < 0.15) {
            return "<0.15 m";
        } else if (d < 0.5) {
            return "0.15–0.5 m";
        } else if (d < 1.0) {
            return "0.5–1.0 m";
        } else if (d < 2.0) {
            return "1.0–2.0 m";
        } else if (d < 3.0) {
            return "2.0–3.0 m";
        }
        return "≥3.0 m";
    }

    private LineString riverLocal() {
        double south = localY(0);
        List<Coordinate> cs = new ArrayList<>();
        double xFrom = localX(0) - 3000;
        double xTo = localX(cols) + 3000;
        for (double x = xFrom; x <= xTo; x += 50) {
            double y = south - 300 + 140 * Math.sin(x / 950.0 + 0.4) + 50 * Math.sin(x / 330.0);
            double[] p = toProjected(x, y);
            cs.add(new Coordinate(p[0], p[1]));
        }
        return gfm.createLineString(cs.toArray(Coordinate[]::new));
    }

    private void floods(List<Scenario> scenarios, List<Zone> zones, List<Water> waters) {
        LineString river = riverLocal();
        waters.add(new Water("城南河（合成）", "RIVER", "synthetic: gridmap sample generator", true, toWgs(river)));
        Envelope env = new Envelope();
        for (double[] p : new double[][] {
            toProjected(localX(0) - 2500, localY(0) - 2500), toProjected(localX(cols) + 2500, localY(0) - 2500),
            toProjected(localX(0) - 2500, localY(halfRows) + 2500),
            toProjected(localX(cols) + 2500, localY(halfRows) + 2500)}) {
            env.expandToInclude(p[0], p[1]);
        }
        Geometry clip = gfm.toGeometry(env);

        scenarios.add(new Scenario("R20", "20年一遇洪水（合成）", "RIVER", 20,
                "城南河 20 年一遇设计洪水，堤防溃口影响范围（合成示例数据）"));
        scenarios.add(new Scenario("R50", "50年一遇洪水（合成）", "RIVER", 50,
                "城南河 50 年一遇设计洪水，含西郊蓄滞洪区（合成示例数据）"));
        scenarios.add(new Scenario("WL", "城区内涝（合成）", "WATERLOGGING", null,
                "短历时强降雨城区低洼易涝点积水（合成示例数据）"));
        riverBands(zones, "R20", river, clip, new double[] {250, 500, 750, 1000, 1200},
                new double[] {2.8, 1.4, 0.7, 0.3, 0.1});
        riverBands(zones, "R50", river, clip, new double[] {350, 650, 950, 1250, 1550, 1800},
                new double[] {3.4, 2.1, 1.2, 0.6, 0.3, 0.1});
        // 西郊蓄滞洪区: a detention basin that takes in the south-west corner of the city.
        Geometry detention = gfm.createPolygon(new Coordinate[] {
            xy(localX(0) - 1500, localY(0) - 600), xy(localX(3), localY(0) - 600), xy(localX(3), localY(5)),
            xy(localX(1), localY(7)), xy(localX(0) - 1500, localY(7)), xy(localX(0) - 1500, localY(0) - 600)});
        zones.add(new Zone("R50", 1.5, depthClass(1.5), "DETENTION", 6.0, polygonal(toWgs(detention))));

        Random wl = new Random(seed ^ 0x5eedL);
        int spots = Math.max(6, (int) Math.round(14.0 * cols * blockRows / 775.0));
        for (int s = 0; s < spots; s++) {
            double cx = localX(0) + wl.nextDouble() * cols * BLOCK_W;
            double cy = localY(0) + wl.nextDouble() * halfRows * HALF_H;
            double radius = 180 + wl.nextDouble() * 240;
            double[] depths = {0.12, 0.35, 0.7};
            double[] scale = {1.0, 0.65, 0.35};
            Geometry inner = null;
            for (int k = depths.length - 1; k >= 0; k--) {
                Geometry ellipse = ellipse(cx, cy, radius * scale[k], radius * scale[k] * 0.7, wl.nextDouble());
                Geometry ring = inner == null ? ellipse : ellipse.difference(inner);
                zones.add(new Zone("WL", depths[k], depthClass(depths[k]), "LOW_LYING", 0.5,
                        polygonal(toWgs(ring))));
                inner = ellipse;
            }
        }
    }

    private Coordinate xy(double lx, double ly) {
        double[] p = toProjected(lx, ly);
        return new Coordinate(p[0], p[1]);
    }

    private Geometry ellipse(double cx, double cy, double rx, double ry, double turn) {
        Coordinate[] cs = new Coordinate[49];
        for (int k = 0; k < 48; k++) {
            double a = 2 * Math.PI * k / 48;
            double ex = rx * Math.cos(a);
            double ey = ry * Math.sin(a);
            double t = turn * Math.PI;
            cs[k] = xy(cx + ex * Math.cos(t) - ey * Math.sin(t), cy + ex * Math.sin(t) + ey * Math.cos(t));
        }
        cs[48] = cs[0];
        return gfm.createPolygon(cs);
    }

    private void riverBands(List<Zone> zones, String scenario, LineString river, Geometry clip, double[] outer,
                            double[] depth) {
        Geometry previous = null;
        for (int k = 0; k < outer.length; k++) {
            Geometry buffer = river.buffer(outer[k], 12);
            Geometry band = (previous == null ? buffer : buffer.difference(previous)).intersection(clip);
            String kind = k == 0 ? "FLOODWAY" : "BREACH";
            double inner = k == 0 ? 0 : outer[k - 1];
            zones.add(new Zone(scenario, depth[k], depthClass(depth[k]), kind, Math.round((1.0 + inner / 300.0) * 10)
                    / 10.0, polygonal(toWgs(band))));
            previous = buffer;
        }
    }

    /** 历次洪水进水深度: a 1998-style flood surveyed in some buildings near the river, some deeper than modelled. */
    private List<Inundation> inundations(List<Zone> zones) {
        Random r = new Random(seed ^ 0x1998L);
        LineString river = riverLocal();
        List<Inundation> out = new ArrayList<>();
        for (int k = 0; k < buildings.size(); k++) {
            double[] c = buildingCentresLocal.get(k);
            double[] p = toProjected(c[0], c[1]);
            double d = river.distance(gfm.createPoint(new Coordinate(p[0], p[1])));
            if (d < 1400 && r.nextDouble() < 0.05) {
                double modelled = d < 350 ? 3.4 : d < 650 ? 2.1 : d < 950 ? 1.2 : 0.6;
                double depth = Math.round(modelled * (0.5 + r.nextDouble() * 0.9) * 100) / 100.0;
                out.add(new Inundation(buildings.get(k).id(), "1998年洪水（合成记录）", LocalDate.of(1998, 8, 16),
                        depth));
            }
        }
        return out;
    }

    private List<Water> seedWaters() {
        List<Water> out = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        GeoJsonReader reader = new GeoJsonReader(gf);
        for (String[] f : new String[][] {{"baicheng_rivers_gshhg.geojson", "RIVER"},
            {"baicheng_lakes_gshhg.geojson", "LAKE"}}) {
            try (InputStream in = SeedData.open(f[0])) {
                JsonNode fc = om.readTree(in);
                int n = 0;
                for (JsonNode feature : fc.get("features")) {
                    n++;
                    JsonNode name = feature.path("properties").path("name_zh");
                    String label = name.isTextual() ? name.asText() : (f[1].equals("LAKE") ? "湖泊" : "河流") + n;
                    Geometry g = reader.read(feature.get("geometry").toString());
                    g.setSRID(4326);
                    out.add(new Water(label, f[1], "GSHHG 2.3.7 (" + f[0] + ")", false, g));
                }
            } catch (IOException | org.locationtech.jts.io.ParseException e) {
                throw new UncheckedIOException(new IOException("cannot read seed " + f[0], e));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private String pick(String[] values, double[] weights) {
        double p = rnd.nextDouble();
        double cum = 0;
        for (int k = 0; k < values.length; k++) {
            cum += weights[k];
            if (p < cum) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }

    private int pickInt(int[] values, double[] weights) {
        double p = rnd.nextDouble();
        double cum = 0;
        for (int k = 0; k < values.length; k++) {
            cum += weights[k];
            if (p < cum) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }

    /** 1 → 一, 10 → 十, 23 → 二十三, 105 → 一百零五 (for road and school names). */
    public static String chineseNumber(int n) {
        String digits = "零一二三四五六七八九";
        if (n < 10) {
            return String.valueOf(digits.charAt(n));
        }
        if (n < 20) {
            return "十" + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
        }
        if (n < 100) {
            return digits.charAt(n / 10) + "十" + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
        }
        int rest = n % 100;
        String tail = rest == 0 ? "" : rest < 10 ? "零" + digits.charAt(rest) : rest < 20 ? "一" + chineseNumber(rest)
                : chineseNumber(rest);
        return chineseNumber(n / 100) + "百" + tail;
    }

    /** Households per grid, in grid order (for reports and tests). */
    public static int[] householdsPerGrid(SampleCity city) {
        return city.grids().stream().mapToInt(Grid::households).toArray();
    }
}
