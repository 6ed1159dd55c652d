package org.gridmap.support;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Typed configuration under {@code gridmap.*}. Every default is written here and in
 * server/src/main/resources/application.yml (with a comment per setting); docs/configuration.md lists them.
 */
@ConfigurationProperties("gridmap")
public class GridmapConfig {

    private Envelope serviceEnvelope = new Envelope();
    private Imports imports = new Imports();
    private Sample sample = new Sample();
    private Coverage coverage = new Coverage();
    private int metricSrid = 4550;

    public int getMetricSrid() {
        return metricSrid;
    }

    public void setMetricSrid(int metricSrid) {
        this.metricSrid = metricSrid;
    }

    public Coverage getCoverage() {
        return coverage;
    }

    public void setCoverage(Coverage coverage) {
        this.coverage = coverage;
    }

    /** Coverage QA thresholds (DESIGN §3). */
    @ConfigurationProperties("coverage")
    public static class Coverage {
        private double sliverM2 = 1.0;
        private double edgeToleranceM = 0.5;
        private int urbanMinHouseholds = 300;
        private int urbanMaxHouseholds = 500;
        private int ruralMinHouseholds = 0;
        private int ruralMaxHouseholds = Integer.MAX_VALUE;
        private int maxListedFindings = 500;

        public double getSliverM2() {
            return sliverM2;
        }

        public void setSliverM2(double sliverM2) {
            this.sliverM2 = sliverM2;
        }

        public double getEdgeToleranceM() {
            return edgeToleranceM;
        }

        public void setEdgeToleranceM(double edgeToleranceM) {
            this.edgeToleranceM = edgeToleranceM;
        }

        public int getUrbanMinHouseholds() {
            return urbanMinHouseholds;
        }

        public void setUrbanMinHouseholds(int v) {
            this.urbanMinHouseholds = v;
        }

        public int getUrbanMaxHouseholds() {
            return urbanMaxHouseholds;
        }

        public void setUrbanMaxHouseholds(int v) {
            this.urbanMaxHouseholds = v;
        }

        public int getRuralMinHouseholds() {
            return ruralMinHouseholds;
        }

        public void setRuralMinHouseholds(int v) {
            this.ruralMinHouseholds = v;
        }

        public int getRuralMaxHouseholds() {
            return ruralMaxHouseholds;
        }

        public void setRuralMaxHouseholds(int v) {
            this.ruralMaxHouseholds = v;
        }

        public int getMaxListedFindings() {
            return maxListedFindings;
        }

        public void setMaxListedFindings(int maxListedFindings) {
            this.maxListedFindings = maxListedFindings;
        }
    }

    public Envelope getServiceEnvelope() {
        return serviceEnvelope;
    }

    public void setServiceEnvelope(Envelope serviceEnvelope) {
        this.serviceEnvelope = serviceEnvelope;
    }

    public Imports getImports() {
        return imports;
    }

    public void setImports(Imports imports) {
        this.imports = imports;
    }

    public Sample getSample() {
        return sample;
    }

    public void setSample(Sample sample) {
        this.sample = sample;
    }

    /** The lon/lat box (EPSG:4326) data must fall in; default: 白城市 with a margin. */
    @ConfigurationProperties("service-envelope")
    public static class Envelope {
        private double minLon = 121.5;
        private double minLat = 44.1;
        private double maxLon = 124.5;
        private double maxLat = 46.4;

        public boolean contains(double lon, double lat) {
            return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
        }

        public String describe() {
            return "[" + minLon + ", " + minLat + ", " + maxLon + ", " + maxLat + "]";
        }

        public double getMinLon() {
            return minLon;
        }

        public void setMinLon(double minLon) {
            this.minLon = minLon;
        }

        public double getMinLat() {
            return minLat;
        }

        public void setMinLat(double minLat) {
            this.minLat = minLat;
        }

        public double getMaxLon() {
            return maxLon;
        }

        public void setMaxLon(double maxLon) {
            this.maxLon = maxLon;
        }

        public double getMaxLat() {
            return maxLat;
        }

        public void setMaxLat(double maxLat) {
            this.maxLat = maxLat;
        }
    }

    /** Limits that keep a hostile or broken file from hurting the service. */
    @ConfigurationProperties("imports")
    public static class Imports {
        private int maxFeatures = 1_000_000;
        private int maxVerticesPerFeature = 250_000;
        private long maxTotalVertices = 30_000_000L;
        private int maxJsonNesting = 32;
        private long maxUnzippedBytes = 1_073_741_824L;
        private int maxArchiveEntries = 64;
        private int maxReportedErrors = 1000;
        private int waitSeconds = 30;
        private String workDir = System.getProperty("java.io.tmpdir");
        private double maxOutsideDistrictM = 5000;
        private double minGridShareInCommunity = 0.5;

        /** How far outside the district (its county areas) an imported object may lie, in metres. */
        public double getMaxOutsideDistrictM() {
            return maxOutsideDistrictM;
        }

        public void setMaxOutsideDistrictM(double v) {
            this.maxOutsideDistrictM = v;
        }

        /** The least share (0–1) of a grid's area that must lie inside the community its code names. */
        public double getMinGridShareInCommunity() {
            return minGridShareInCommunity;
        }

        public void setMinGridShareInCommunity(double v) {
            this.minGridShareInCommunity = v;
        }

        public int getMaxFeatures() {
            return maxFeatures;
        }

        public void setMaxFeatures(int maxFeatures) {
            this.maxFeatures = maxFeatures;
        }

        public int getMaxVerticesPerFeature() {
            return maxVerticesPerFeature;
        }

        public void setMaxVerticesPerFeature(int maxVerticesPerFeature) {
            this.maxVerticesPerFeature = maxVerticesPerFeature;
        }

        public long getMaxTotalVertices() {
            return maxTotalVertices;
        }

        public void setMaxTotalVertices(long maxTotalVertices) {
            this.maxTotalVertices = maxTotalVertices;
        }

        public int getMaxJsonNesting() {
            return maxJsonNesting;
        }

        public void setMaxJsonNesting(int maxJsonNesting) {
            this.maxJsonNesting = maxJsonNesting;
        }

        public long getMaxUnzippedBytes() {
            return maxUnzippedBytes;
        }

        public void setMaxUnzippedBytes(long maxUnzippedBytes) {
            this.maxUnzippedBytes = maxUnzippedBytes;
        }

        public int getMaxArchiveEntries() {
            return maxArchiveEntries;
        }

        public void setMaxArchiveEntries(int maxArchiveEntries) {
            this.maxArchiveEntries = maxArchiveEntries;
        }

        public int getMaxReportedErrors() {
            return maxReportedErrors;
        }

        public void setMaxReportedErrors(int maxReportedErrors) {
            this.maxReportedErrors = maxReportedErrors;
        }

        public int getWaitSeconds() {
            return waitSeconds;
        }

        public void setWaitSeconds(int waitSeconds) {
            this.waitSeconds = waitSeconds;
        }

        public String getWorkDir() {
            return workDir;
        }

        public void setWorkDir(String workDir) {
            this.workDir = workDir;
        }
    }

    /** The Baicheng sample: loaded on start when {@code load} is true and it is not loaded yet. */
    @ConfigurationProperties("sample")
    public static class Sample {
        private boolean load = false;
        private int households = org.gridmap.sample.BaichengSampleGenerator.DEFAULT_HOUSEHOLDS;
        private long seed = org.gridmap.sample.BaichengSampleGenerator.DEFAULT_SEED;
        private String demoPassword = "Gridmap@2026";

        public boolean isLoad() {
            return load;
        }

        public void setLoad(boolean load) {
            this.load = load;
        }

        public int getHouseholds() {
            return households;
        }

        public void setHouseholds(int households) {
            this.households = households;
        }

        public long getSeed() {
            return seed;
        }

        public void setSeed(long seed) {
            this.seed = seed;
        }

        public String getDemoPassword() {
            return demoPassword;
        }

        public void setDemoPassword(String demoPassword) {
            this.demoPassword = demoPassword;
        }
    }
}
