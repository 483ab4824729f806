package com.emailengine.core.campaign.timing;

import java.time.LocalDate;

/** Western (Gregorian) Easter Sunday, the date the movable Christian holidays hang on. */
final class Easter {

    private Easter() {
    }

    /**
     * The Gregorian computus in the form of the anonymous algorithm published in Nature (1876) and given by Meeus,
     * <i>Astronomical Algorithms</i>, ch. 8: exact for every Gregorian year, no table.
     */
    static LocalDate sunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
