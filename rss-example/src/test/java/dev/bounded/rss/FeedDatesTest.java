package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates in the forms the corpora (and the wild) use. */
class FeedDatesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // RFC 822 / 1123 as in the corpora
        "Mon, 21 Jan 2008 08:56:00 GMT | 2008-01-21T08:56Z",
        "Sat, 07 Sep 2002 00:00:01 GMT | 2002-09-07T00:00:01Z",
        "Fri, 09 Mar 2007 12:43:06 -0800 | 2007-03-09T12:43:06-08:00",
        "Tue,  9 Jun 2009 15:33:01 +0200 | 2009-06-09T15:33:01+02:00",
        "Wed, 03 Sep 2008 17:03:03 EST | 2008-09-03T17:03:03-05:00",
        "Mon, 21 Jan 2008 8:56 am PST | 2008-01-21T08:56-08:00",
        "Sun, 20 Apr 2014 8:19 pm CEST | 2014-04-20T20:19+02:00",
        // sloppiness
        "21 Jan 2008 08:56 GMT | 2008-01-21T08:56Z",
        "mon, 21 jan 2008 08:56:00 gmt | 2008-01-21T08:56Z",
        "Monday, 21 January 2008 08:56:00 UT | 2008-01-21T08:56Z",
        "Mon, 21 Jan 08 08:56:00 Z | 2008-01-21T08:56Z",
        "Thu, 01 Jan 70 00:00:00 +0000 | 1970-01-01T00:00Z",
        "Mon, 21 Jan 2008 08:56:00 PDT | 2008-01-21T08:56-07:00",
        "Mon,21 Jan 2008   08:56:00   +00:00 | 2008-01-21T08:56Z",
        "Mon, 21 Jan 2008 08:56:00 | 2008-01-21T08:56Z",
        "Mon, 21 Jan 2008 08:56:00 GMT+0100 | 2008-01-21T08:56+01:00",
        "Mon, 21 Jan 2008 08:56:60 GMT | 2008-01-21T08:56:59Z",
        "Sun Nov  6 08:49:37 1994 | 1994-11-06T08:49:37Z",
        "Jan 21, 2008 08:56 EDT | 2008-01-21T08:56-04:00",
        "21 Sept 2008 | 2008-09-21T00:00Z",
        "Mon, 21 Jan 2008 08:56:00 A | 2008-01-21T08:56Z",
        // RFC 3339 / W3C-DTF / ISO 8601 as in the corpora
        "2006-01-17T12:35:16+01:00 | 2006-01-17T12:35:16+01:00",
        "2013-10-09T17:35:53.618Z | 2013-10-09T17:35:53.618Z",
        "2001-01-01T00:00+00:00 | 2001-01-01T00:00Z",
        "2006-01-11 16:42:47 -0800 | 2006-01-11T16:42:47-08:00",
        "2006-01-17T12:35:1+01:00 | 2006-01-17T12:35:01+01:00",
        "2003-12-13T18:30:02 | 2003-12-13T18:30:02Z",
        "2003-12-13 | 2003-12-13T00:00Z",
        "2003-12 | 2003-12-01T00:00Z",
        "2003 | 2003-01-01T00:00Z",
        "2003-12-13t18:30:02z | 2003-12-13T18:30:02Z",
        "2003-12-13T18:30:02.123456789123-05 | 2003-12-13T18:30:02.123456789-05:00",
        "'  2003-12-13T18:30:02Z  ' | 2003-12-13T18:30:02Z",
      })
  void parsesRealWorldForms(String text, String expected) {
    assertEquals(OffsetDateTime.parse(expected), FeedDates.parse(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "yesterday",
        "Mon, 32 Jan 2008 08:56:00 GMT",
        "Mon, 21 Foo 2008 08:56:00 GMT",
        "2008-13-01T00:00:00Z",
        "2008-02-30",
        "Mon, 21 Jan 2008 25:00:00 GMT",
        "Mon, 21 Jan 2008 08:56:00 IST",
        "2008-01-21T08:56:00+25:00",
        "21 Jan",
        "12345678901234567890",
      })
  void rejectsNonDatesWithNull(String text) {
    assertNull(FeedDates.parse(text));
  }

  @org.junit.jupiter.api.Test
  void rejectsOverlongInputWithoutScanningIt() {
    assertNull(FeedDates.parse("Mon, 21 Jan 2008 08:56:00 GMT" + " ".repeat(200) + "x"));
    assertNull(FeedDates.parse(null));
  }
}
