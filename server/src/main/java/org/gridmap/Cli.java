package org.gridmap;

import io.micronaut.context.ApplicationContext;
import org.gridmap.imports.ImportService;
import org.gridmap.sample.SampleLoader;
import org.gridmap.sample.SampleConfig;

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
    private static final List<String> COMMANDS = List.of("migrate", "load-sample", "import");

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
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false)
                // a command runs and ends: no escalation sweep in it (the server runs those)
                .properties(java.util.Map.of("gridmap.tickets.escalation-enabled", "false")).start()) {
            switch (args[0]) {
                case "migrate" -> {
                    ctx.getBean(javax.sql.DataSource.class); // Flyway migrates when the DataSource is created
                    System.out.println("数据库已是最新版本 / database schema is up to date");
                    return 0;
                }
                case "load-sample" -> {
                    SampleConfig cfg = ctx.getBean(SampleConfig.class);
                    int households = Integer.parseInt(opts.getOrDefault("households",
                            String.valueOf(cfg.householdsOrDefault())));
                    ctx.getBean(SampleLoader.class).load(cfg.seedOrDefault(), households, cfg.password(),
                            msg -> System.out.println("  " + msg));
                    // A map without colours is of no use in a flood office: classify what has no result yet.
                    ctx.getBean(org.gridmap.risk.RiskService.class).classifyUnclassified(SampleLoader.SYSTEM,
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
                default -> {
                    System.err.println("unknown command " + Arrays.toString(args));
                    return 2;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("失败 / failed: " + e.getMessage());
            return 1;
        }
    }
}
