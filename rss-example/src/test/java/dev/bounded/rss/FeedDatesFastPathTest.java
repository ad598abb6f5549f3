package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path for the two common date forms ({@link FeedDates#common}) gives exactly what the
 * general parser gives, on the common forms and on everything near them.
 */
class FeedDatesFastPathTest {
  private static final String[] DAYS = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "mon", "Monday", "Xyz", "Mar", "Mo", "SUN",
    "tHu", "M0n"
  };
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "sep",
    "Sept", "January", "Foo", "MAY", "Ja", "dEC", "Est", "Thu", "J4n"
  };
  private static final String[] ZONES = {
    "+0000",
    "-0000",
    "+0100",
    "-0800",
    "+0530",
    "-0030",
    "+1800",
    "+1900",
    "+0060",
    "+2400",
    "GMT",
    "UT",
    "UTC",
    "Z",
    "EST",
    "gmt",
    "z",
    "A",
    "J",
    "IST",
    "+05:30",
    "+01",
    "GMT+0100",
    "+00000",
    "-",
    "+",
    "+abcd",
    "EDT",
    "CST",
    "CDT",
    "MST",
    "MDT",
    "PST",
    "PDT",
    "pst",
    "Pdt",
    "CEST",
    "AEST",
    "NZDT",
    "Zulu",
    "WET",
    "IDT",
    "ESTX",
    "E5T",
    "ab",
    "abcde"
  };
  private static final String[] ISO_ZONES = {
    "Z", "z", "", "+00:00", "-00:00", "+05:30", "-08:00", "+18:00", "+19:00", "+05:60", "+0530",
    "+05", "UTC", "GMT", " Z", "+5:30", "Zulu", "+05:3"
  };

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Mon, 1 Sep 2025 00:00:00 +0000",
        "Tue, 21 Jan 2008 08:56:00 GMT",
        "Fri, 09 Mar 2007 12:43:06 -0800",
        "21 Jan 2008 08:56:00 UT",
        "Sun, 31 Dec 1999 23:59:60 Z",
        "Mon, 21 Jan 2008 24:00:00 UTC",
        "2002-09-07T00:00:01Z",
        "2008-01-21T08:56:00.123456789+01:00",
        "2008-01-21T08:56:00.5-05:30",
        "2008-01-21T08:56:00",
        "2008-01-21T24:00:00Z",
        "Wed, 03 Sep 2008 17:03:03 EST",
        "mon, 21 jan 2008 08:56:00 gmt",
        "21 JAN 2008 08:56 PDT",
        "Sun, 20 Apr 2014 08:19 CEST",
        "Mon, 21 Jan 2008 08:56:00 Zulu"
      })
  void theCommonFormsTakeTheFastPathAndAgreeWithTheGeneralParser(String text) {
    OffsetDateTime fast = FeedDates.common(text);
    assertNotNull(fast);
    assertEquals(FeedDates.general(text), fast);
    assertEquals(fast, FeedDates.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Mon, 31 Feb 2008 08:56:00 GMT",
        "Mon, 21 Jan 2008 25:00:00 GMT",
        "Mon, 21 Jan 2008 08:56:00 +1900",
        "2008-02-30T08:56:00Z",
        "2008-01-21T08:61:00Z",
        "2008-01-21T08:56:00+19:00"
      })
  void impossibleValuesInACommonShapeAreLeftToTheGeneralParserWhichRejectsThem(String text) {
    assertNull(FeedDates.common(text));
    assertNull(FeedDates.parse(text));
  }

  @Test
  void nearMissesOfBothFormsParseExactlyAsTheGeneralParserReadsThem() {
    long seed = Long.getLong("feeddates.seed", System.nanoTime());
    System.out.println("FeedDatesFastPathTest seed " + seed + " (-Dfeeddates.seed=" + seed + ")");
    SplittableRandom r = new SplittableRandom(seed);
    int fast = 0;
    int total = 100_000;
    for (int i = 0; i < total; i++) {
      String s = i % 2 == 0 ? rfc822(r) : rfc3339(r);
      if (r.nextInt(10) == 0) {
        s = mutate(r, s);
      }
      OffsetDateTime expected = FeedDates.general(s);
      OffsetDateTime common = FeedDates.common(s);
      if (common != null) {
        fast++;
        assertEquals(expected, common, s + " (seed " + seed + ")");
      }
      assertEquals(expected, FeedDates.parse(s), s + " (seed " + seed + ")");
    }
    // Both paths were exercised: the comparison above is not vacuous.
    assertTrue(fast > total / 10, "fast path taken " + fast + " times");
    assertTrue(fast < total * 9 / 10, "fast path taken " + fast + " times");
  }

  private static String rfc822(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int dayName = r.nextInt(DAYS.length + 3);
    if (dayName < DAYS.length) {
      sb.append(DAYS[dayName]).append(r.nextInt(8) == 0 ? " " : ", ");
    }
    sb.append(number(r, r.nextInt(8) == 0 ? 3 : 1 + r.nextInt(2), 40)).append(' ');
    sb.append(MONTHS[r.nextInt(MONTHS.length)]).append(' ');
    sb.append(number(r, r.nextInt(6) == 0 ? 2 + r.nextInt(2) : 4, 10000)).append(' ');
    sb.append(number(r, r.nextInt(8) == 0 ? 1 : 2, 26)).append(':');
    sb.append(number(r, 2, 62));
    if (r.nextInt(4) != 0) {
      sb.append(':').append(number(r, r.nextInt(8) == 0 ? 1 : 2, 62));
    }
    sb.append(' ');
    sb.append(ZONES[r.nextInt(ZONES.length)]);
    return sb.toString();
  }

  private static String rfc3339(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    sb.append(number(r, 4, 10000)).append('-');
    sb.append(number(r, r.nextInt(8) == 0 ? 1 : 2, 14)).append('-');
    sb.append(number(r, 2, 33)).append(r.nextInt(10) == 0 ? " " : "T");
    sb.append(number(r, 2, 26)).append(':').append(number(r, 2, 62)).append(':');
    sb.append(number(r, 2, 62));
    if (r.nextInt(3) == 0) {
      sb.append(r.nextInt(6) == 0 ? ',' : '.');
      int digits = r.nextInt(13);
      for (int i = 0; i < digits; i++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    sb.append(ISO_ZONES[r.nextInt(ISO_ZONES.length)]);
    return sb.toString();
  }

  private static String number(SplittableRandom r, int digits, int bound) {
    String n = Integer.toString(r.nextInt(bound));
    if (n.length() > digits) {
      n = n.substring(n.length() - digits);
    }
    return "0".repeat(digits - n.length()) + n;
  }

  /** A random edit: a character replaced, dropped or doubled, or whitespace added. */
  private static String mutate(SplittableRandom r, String s) {
    int at = r.nextInt(s.length());
    String[] inserts = {" ", "  ", "\t", "\u00a0", ",", ".", ":", "0", "9", "a", "Z", "-", "+"};
    switch (r.nextInt(5)) {
      case 0:
        return s.substring(0, at) + s.substring(at + 1);
      case 1:
        return s.substring(0, at) + s.charAt(at) + s.substring(at);
      case 2:
        return s.substring(0, at) + inserts[r.nextInt(inserts.length)] + s.substring(at + 1);
      case 3:
        return s.substring(0, at) + inserts[r.nextInt(inserts.length)] + s.substring(at);
      default:
        return r.nextBoolean() ? " " + s : s + " ";
    }
  }
}
