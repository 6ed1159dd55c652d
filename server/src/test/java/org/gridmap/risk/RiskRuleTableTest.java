package org.gridmap.risk;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.testsupport.PostgisTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 四色 rule table (DESIGN §4, default rule set: 3.0 m storeys, 2.5 m basements, red at 0.5 m, 0.15 m for the
 * vulnerable, orange above 0.15 m, C/D weak, floodway/detention deep, yellow within 50 m). Inputs → the rule that
 * must fire, evaluated by the one rule function in PostGIS.
 */
@MicronautTest(transactional = false)
class RiskRuleTableTest extends PostgisTest {
    @Inject
    DataSource ds;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                              | d    | floor | grade | vulnerable | kinds            | near | rule
        ground floor, 1.2 m                                 | 1.2  | 1     | B     | false      |                  |      | RED_DEPTH
        ground floor, exactly 0.5 m                         | 0.5  | 1     | B     | false      |                  |      | RED_DEPTH
        ground floor, 0.49 m                                | 0.49 | 1     | B     | false      |                  |      | ORANGE_DEPTH
        ground floor, 0.16 m                                | 0.16 | 1     | A     | false      |                  |      | ORANGE_DEPTH
        ground floor, exactly 0.15 m                        | 0.15 | 1     | A     | false      |                  |      | YELLOW_SHALLOW
        basement, 0.05 m (basement depth makes it deep)     | 0.05 | 0     | A     | false      |                  |      | RED_DEPTH
        second floor, 1.2 m (3 m storeys: above water)      | 1.2  | 2     | B     | false      |                  |      | YELLOW_SHALLOW
        second floor, 3.5 m (0.5 m at the dwelling)         | 3.5  | 2     | B     | false      |                  |      | RED_DEPTH
        second floor, 3.4 m (0.4 m at the dwelling)         | 3.4  | 2     | B     | false      |                  |      | ORANGE_DEPTH
        grade C with a shallow zone                         | 0.1  | 1     | C     | false      |                  |      | RED_WEAK_BUILDING
        grade D on the fifth floor, any water               | 0.1  | 5     | D     | false      |                  |      | RED_WEAK_BUILDING
        grade D, dry and far                                | 0    | 1     | D     | false      |                  |      | GREEN
        vulnerable, 0.2 m                                   | 0.2  | 1     | B     | true       |                  |      | RED_VULNERABLE
        vulnerable, exactly 0.15 m                          | 0.15 | 1     | B     | true       |                  |      | ORANGE_VULNERABLE
        vulnerable on an upper floor (cut off)              | 1.2  | 3     | A     | true       |                  |      | ORANGE_VULNERABLE
        floodway, upper floor                               | 0.1  | 5     | A     | false      | FLOODWAY         |      | RED_DEEP_ZONE
        detention basin, dry footprint                      | 0    | 1     | A     | false      | DETENTION        |      | RED_DEEP_ZONE
        breach area is not deep by itself                   | 0.1  | 3     | A     | false      | BREACH           |      | YELLOW_SHALLOW
        dry, 30 m from a zone                               | 0    | 1     | B     | false      |                  | 30   | YELLOW_NEAR
        dry, exactly 50 m from a zone                       | 0    | 1     | B     | false      |                  | 50   | YELLOW_NEAR
        dry, 51 m from a zone                               | 0    | 1     | B     | false      |                  | 51   | GREEN
        dry and far                                         | 0    | 1     | B     | true       |                  |      | GREEN
        """)
    void theRuleThatFires(String name, double depth, int floor, String grade, boolean vulnerable, String kinds,
                          Float near, String expected) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT gm_risk_rule(?::numeric, ?, ?, ?, ?::text[], ?::real, rs) FROM risk_rule_set rs WHERE version = 1")) {
            ps.setDouble(1, depth);
            ps.setInt(2, floor);
            ps.setString(3, grade);
            ps.setBoolean(4, vulnerable);
            ps.setString(5, kinds == null ? "{}" : "{" + kinds + "}");
            ps.setObject(6, near);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(RiskRule.valueOf(expected), RiskRule.of(rs.getInt(1)), name);
            }
        }
    }
}
