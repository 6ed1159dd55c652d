package org.gridmap.sample;

import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads the Baicheng sample city into an empty database, once. The whole load is one transaction taken under an
 * advisory lock: two instances starting together load it once, and a killed load leaves nothing behind.
 */
@Singleton
public class SampleLoader {
    public static final String DATASET = "baicheng-sample";
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    /** The demo users: username, display name, role, area code. Passwords come from configuration. */
    public record DemoUser(String username, String displayName, String role, String area) {}

    /** Who the sample's own work (its load, its first 四色 runs) is recorded as. */
    public static final org.gridmap.security.Caller SYSTEM = new org.gridmap.security.Caller("sample-loader",
            org.gridmap.security.Role.ADMIN, "");

    private final Db db;

    public SampleLoader(Db db) {
        this.db = db;
    }

    public boolean isLoaded() {
        return db.read(c -> SampleRepository.isLoaded(c, DATASET));
    }

    /**
     * Generates and loads the sample unless it is loaded already.
     *
     * @return the counts loaded, or an empty map when the sample was there already
     */
    public Map<String, Long> load(long seed, int households, String demoPassword, Consumer<String> progress) {
        if (isLoaded()) {
            progress.accept("样例数据已加载，跳过 / sample already loaded, nothing to do");
            return Map.of();
        }
        long t0 = System.nanoTime();
        progress.accept("生成白城样例城市 / generating the Baicheng sample city (seed " + seed + ", ~" + households
                + " households)");
        SampleCity city = new BaichengSampleGenerator(seed, households).generate();
        progress.accept(String.format("generated in %.1f s: %d grids, %d buildings, %d households",
                (System.nanoTime() - t0) / 1e9, city.grids().size(), city.buildings().size(),
                city.households().size()));
        return db.tx(c -> {
            SampleRepository.lock(c, DATASET);
            if (SampleRepository.isLoaded(c, DATASET)) {
                progress.accept("another instance loaded the sample meanwhile; nothing to do");
                return Map.<String, Long>of();
            }
            Map<String, Long> counts = SampleRepository.write(c, city, demoUsers(city), demoPassword, progress);
            StringBuilder j = new StringBuilder("{");
            counts.forEach((k, v) -> j.append(j.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(v));
            SampleRepository.markLoaded(c, DATASET, j.append('}').toString());
            progress.accept(String.format("样例数据加载完成 / sample loaded in %.1f s", (System.nanoTime() - t0) / 1e9));
            return counts;
        });
    }

    /** One demo user per role, scoped to the first street, community and grid of the sample. */
    public static List<DemoUser> demoUsers(SampleCity city) {
        String street = city.areas().stream().filter(a -> a.level().equals("STREET")).map(SampleCity.Area::code)
                .sorted().findFirst().orElseThrow();
        String community = city.areas().stream().filter(a -> a.level().equals("COMMUNITY"))
                .map(SampleCity.Area::code).filter(code -> code.startsWith(street)).sorted().findFirst().orElseThrow();
        String grid = city.grids().stream().map(SampleCity.Grid::code).filter(code -> code.startsWith(community))
                .sorted().findFirst().orElseThrow();
        return List.of(
                new DemoUser("admin", "系统管理员", "ADMIN", ""),
                new DemoUser("district", "洮北区防汛指挥部", "DISTRICT_OFFICE", BaichengSampleGenerator.COUNTY_CODE),
                new DemoUser("street", "街道工作人员", "STREET_STAFF", street),
                new DemoUser("community", "社区工作人员", "COMMUNITY_STAFF", community),
                new DemoUser("gridworker", "网格员", "GRID_WORKER", grid),
                new DemoUser("hotline", "热线话务员", "HOTLINE", BaichengSampleGenerator.COUNTY_CODE));
    }
}
