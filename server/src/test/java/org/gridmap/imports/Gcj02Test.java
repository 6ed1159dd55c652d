package org.gridmap.imports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GCJ-02 against values published by two independent implementations (coordtransform, eviltransform). */
class Gcj02Test {

    @ParameterizedTest(name = "wgs ({0}, {1}) → gcj ({2}, {3})")
    @CsvSource({
        // lon, lat (WGS84) → lon, lat (GCJ-02); tolerance in degrees
        "116.404, 39.915, 116.41024449916938, 39.91640428150164, 1e-9",   // coordtransform (Krasovsky a)
        "121.5272106, 31.1774276, 121.531541859215, 31.17530398364597, 2e-6",  // eviltransform, Shanghai
        "113.912316, 22.543847, 113.9171764808363, 22.540796131694766, 2e-6",  // eviltransform, Shenzhen
        "116.377817, 39.911954, 116.38404722455657, 39.91334545536069, 2e-6"   // eviltransform, Beijing
    })
    void forwardMatchesPublishedValues(double lon, double lat, double gLon, double gLat, double tol) {
        double[] g = Gcj02.fromWgs84(lon, lat);
        assertEquals(gLon, g[0], tol);
        assertEquals(gLat, g[1], tol);
    }

    @ParameterizedTest(name = "round trip at ({0}, {1})")
    @CsvSource({"122.84, 45.62", "122.60, 45.40", "123.90, 45.70", "116.40, 39.90"})
    void inverseIsExactToAMillimetre(double lon, double lat) {
        double[] g = Gcj02.fromWgs84(lon, lat);
        // The offset near Baicheng is hundreds of metres: the inverse must undo it, not return the input.
        double offsetM = Math.hypot((g[0] - lon) * 111320 * Math.cos(Math.toRadians(lat)), (g[1] - lat) * 110574);
        org.junit.jupiter.api.Assertions.assertTrue(offsetM > 100, "offset " + offsetM);
        double[] w = Gcj02.toWgs84(g[0], g[1]);
        assertEquals(lon, w[0], 1e-8);
        assertEquals(lat, w[1], 1e-8);
    }
}
