package org.gridmap.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The free-text masker, one line per way people write phone and ID numbers (and what must stay as it is). */
class MaskingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # what                          | text                                   | masked
            mobile                          | 住户电话13912345678                      | 住户电话139****5678
            mobile with hyphens             | 电话 139-1234-5678 请回电                 | 电话 139****5678 请回电
            mobile with spaces              | 139 1234 5678                          | 139****5678
            mobile with +86                 | +8613912345678                         | +86139****5678
            mobile with +86 and spaces      | +86 139 1234 5678                      | +86139****5678
            mobile with 0086                | 008613912345678                        | 0086139****5678
            mobile with 86                  | 8613912345678                          | 86139****5678
            full-width mobile               | 电话１３９１２３４５６７８                     | 电话139****5678
            full-width with full-width plus | ＋８６１３９１２３４５６７８                    | +86139****5678
            ideographic space between groups| 139　1234　5678                          | 139****5678
            landline with area code         | 座机0436-1234567                        | 座机043****4567
            landline, 8-digit number        | 0431 12345678                          | 043****5678
            18-digit ID                     | 身份证220802195001011234                  | 身份证220802********1234
            18-digit ID with X              | 身份证22080219500101123X                  | 身份证220802********123X
            18-digit ID with lower-case x   | 22080219500101123x                     | 220802********123x
            15-digit ID                     | 旧证220802500101123                      | 旧证220802*****1123
            ID with spaces                  | 220802 19500101 1234                   | 220802********1234
            bank card                       | 卡号6222021234567890123                   | 卡号622************0123
            two numbers                     | 13912345678、13812345678                 | 139****5678、138****5678
            landline with brackets          | 联系 (0436)1234567 完                    | 联系 (043****4567 完
            mobile with dots                | 139.1234.5678                          | 139****5678
            mobile with spaced hyphens      | 139 - 1234 - 5678                      | 139****5678
            mobile with zero-width spaces   | 139\u200b1234\u200b5678                | 139****5678
            mobile in Chinese digits        | 电话一三九一二三四五六七八                      | 电话139****5678
            mobile with 零 for zero         | 一三九一二三四五六零八                         | 139****5608
            mobile glued to latin letters   | tel13912345678                         | tel139****5678
            date stays                      | 2026-07-01 积水                          | 2026-07-01 积水
            date and time stay              | 2026.07.01 08:30 三楼                   | 2026.07.01 08:30 三楼
            counting in Chinese stays       | 一二三四五号楼                              | 一二三四五号楼
            ticket number stays             | 工单2026-000123                          | 工单2026-000123
            hotline stays                   | 请拨打3650000或12345                       | 请拨打3650000或12345
            house number stays              | 海明路123号4单元501                        | 海明路123号4单元501
            decimals stay                   | 水深0.45米，坐标122.84,45.62               | 水深0.45米，坐标122.84,45.62
            short digits stay               | 3户 12人                                | 3户 12人
            empty                           | ""                                     | ""
            """)
    void masksEveryForm(String what, String text, String masked) {
        assertEquals(masked, Masking.text(text), what);
    }
}
