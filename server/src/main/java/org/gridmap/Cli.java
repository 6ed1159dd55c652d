package org.gridmap;

import io.micronaut.context.ApplicationContext;
import org.gridmap.imports.ImportService;
import org.gridmap.sample.SampleLoader;
import org.gridmap.support.GridmapConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line tasks that use the application's services without starting the HTTP server:
 * {@code migrate}, {@code load-sample [--households N]}, {@code import --kind K [--crs C] [--repair] FILE}.
 */
final class Cli {
    private static final List<String> COMMANDS = List.of("migrate", "load-sample", "import", "bench");

    private Cli() {}

    static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    static int run(String[] args) {
        Map<String, String> opts = new HashMap<>();
        String file = null;
        for (int k = 1; k < args.length; k++) {
            if (args[k].startsWith("--")) {
                String key = args[k].substring(2);
                boolean flag = key.equals("repair") || k + 1 >= args.length || args[k + 1].startsWith("--");
                opts.put(key, flag ? "true" : args[++k]);
            } else {
                file = args[k];
            }
        }
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).start()) {
            switch (args[0]) {
                case "migrate" -> {
                    ctx.getBean(javax.sql.DataSource.class); // Flyway migrates when the DataSource is created
                    System.out.println("数据库已是最新版本 / database schema is up to date");
                    return 0;
                }
                case "load-sample" -> {
                    GridmapConfig.Sample cfg = ctx.getBean(GridmapConfig.class).getSample();
                    int households = Integer.parseInt(opts.getOrDefault("households",
                            String.valueOf(cfg.getHouseholds())));
                    ctx.getBean(SampleLoader.class).load(cfg.getSeed(), households, cfg.getDemoPassword(),
                            msg -> System.out.println("  " + msg));
                    return 0;
                }
                case "import" -> {
                    if (file == null || !opts.containsKey("kind")) {
                        System.err.println("usage: import --kind KIND [--crs EPSG:4550|GCJ02] [--encoding GBK] "
                                + "[--scenario CODE] [--repair] FILE");
                        return 2;
                    }
                    Path path = Path.of(file);
                    if (!Files.isRegularFile(path)) {
                        System.err.println("no such file: " + file);
                        return 2;
                    }
                    return ctx.getBean(ImportService.class).runFromCli(path, opts);
                }
                case "bench" -> {
                    // ~1,000,000 households: the larger lattice has relatively more single-storey outskirts.
                    int households = Integer.parseInt(opts.getOrDefault("households", "1150000"));
                    return new org.gridmap.bench.Bench(ctx, Path.of(opts.getOrDefault("out", "bench/results")))
                            .run(file == null ? "coverage" : file, households);
                }
                default -> {
                    System.err.println("unknown command " + Arrays.toString(args));
                    return 2;
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("失败 / failed: " + e.getMessage());
            return 1;
        }
    }
}
