package org.gridmap.bench;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code bench/run coverage|risk|tiles|tickets [--households N] [--out DIR]}: starts gridmap's application context
 * (on the benchmark's own database, set by bench/run) and runs one benchmark.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        String what = "coverage";
        for (int k = 0; k < args.length; k++) {
            if (args[k].startsWith("--") && k + 1 < args.length) {
                opts.put(args[k].substring(2), args[++k]);
            } else {
                what = args[k];
            }
        }
        // ~1,000,000 households: the larger lattice has relatively more single-storey outskirts.
        // Redistricting is measured on the Baicheng sample itself (its 48 communities, streets of ~30,000 households).
        int households = Integer.parseInt(opts.getOrDefault("households", what.equals("redistricting")
                ? String.valueOf(org.gridmap.sample.BaichengSampleGenerator.DEFAULT_HOUSEHOLDS) : "1150000"));
        int code;
        // The redistricting bench keeps a draft per community open (a user's limit is for people).
        Map<String, Object> props = what.equals("redistricting")
                ? Map.of("gridmap.redistricting.max-drafts", 1000) : Map.of();
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            code = new Bench(ctx, Path.of(opts.getOrDefault("out", "bench/results"))).run(what, households);
        }
        System.exit(code);
    }
}
