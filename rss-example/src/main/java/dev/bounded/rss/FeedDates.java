package dev.bounded.rss;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the dates feeds actually contain: RFC 822/1123/2822 ({@code Sat, 07 Sep 2002 00:00:01
 * GMT}) and RFC 3339/W3C-DTF/ISO 8601 ({@code 2002-09-07T00:00:01Z}), with the usual sloppiness.
 *
 * <p>Tolerated: a missing or full day name, a missing comma, lowercase or full month names, 1-digit
 * days, hours and seconds, missing seconds, fractions of a second, {@code am}/{@code pm}, 2-digit
 * years (00-49 are 20xx, 50-99 are 19xx, as RFC 2822 says), 3-digit years (+1900), numeric zones with
 * or without a colon ({@code +0000}, {@code -05:00}, {@code +01}), {@code GMT+2}-style zones, the
 * RFC 822 names (UT, GMT, Z, EST/EDT, CST/CDT, MST/MDT, PST/PDT) and common others (CET, CEST, BST,
 * JST, AEST, ...), a space instead of {@code T}, extra whitespace, the asctime order ({@code Sun Nov
 * 6 08:49:37 1994}), a date without a time (midnight) and a time without a zone (UTC). Military
 * one-letter zones other than Z are read as UTC, as RFC 2822 advises, since they were widely
 * misused. Ambiguous names (IST) and anything else unrecognised give null, never an exception.
 * Thread-safe.
 */
public final class FeedDates {
  private static final int MAX_LENGTH = 128;

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?"
              + "(?:(?:[Tt]|\\s+)(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,9})\\d*)?)?)?"
              + "\\s*(Z|z|UTC|UT|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?");

  private static final Pattern TIME =
      Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,]\\d+)?)?(.*)");

  private static final Pattern TOKENS = Pattern.compile("[ ,]+");

  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?");

  private static final String[] MONTH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"
  };
  private static final String[] DAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };
  private static final Map<String, Integer> ZONES = new HashMap<>();

  static {
    zone(0, "UT", "UTC", "GMT", "Z", "WET", "Zulu");
    zone(-5 * 60, "EST", "CDT");
    zone(-4 * 60, "EDT", "AST");
    zone(-6 * 60, "CST", "MDT");
    zone(-7 * 60, "MST", "PDT");
    zone(-8 * 60, "PST", "AKDT");
    zone(-9 * 60, "AKST", "HDT");
    zone(-10 * 60, "HST");
    zone(-3 * 60, "ADT");
    zone(-3 * 60 - 30, "NST");
    zone(-2 * 60 - 30, "NDT");
    zone(60, "BST", "CET", "MET", "WEST", "WAT");
    zone(2 * 60, "CEST", "MEST", "EET", "SAST", "CAT");
    zone(3 * 60, "EEST", "MSK", "EAT");
    zone(8 * 60, "AWST", "HKT", "SGT");
    zone(9 * 60, "JST", "KST");
    zone(9 * 60 + 30, "ACST");
    zone(10 * 60, "AEST");
    zone(10 * 60 + 30, "ACDT");
    zone(11 * 60, "AEDT");
    zone(12 * 60, "NZST");
    zone(13 * 60, "NZDT");
  }

  private FeedDates() {}

  private static void zone(int minutes, String... names) {
    for (String n : names) {
      ZONES.put(n.toLowerCase(Locale.ROOT), minutes);
    }
  }

  /**
   * The date in {@code text}, keeping the offset it gives (UTC when it gives none), or null if
   * {@code text} is null, blank, longer than 128 characters or not a recognisable date.
   */
  public static OffsetDateTime parse(CharSequence text) {
    if (text == null || text.length() > MAX_LENGTH * 2) {
      return null;
    }
    String s = collapse(text);
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    try {
      if (s.length() >= 4 && isDigits(s, 0, 4) && (s.length() == 4 || !Character.isDigit(s.charAt(4)))) {
        return iso(s);
      }
      return rfc822(s);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /** Trimmed, with every whitespace run as one space. */
  private static String collapse(CharSequence text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static OffsetDateTime iso(String s) {
    Matcher m = ISO.matcher(s);
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
    int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    LocalTime time = LocalTime.MIDNIGHT;
    if (m.group(4) != null) {
      int nanos = 0;
      if (m.group(7) != null) {
        String f = (m.group(7) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(f);
      }
      time = time(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6), nanos);
    }
    ZoneOffset offset = m.group(8) == null ? ZoneOffset.UTC : offset(m.group(8));
    if (offset == null) {
      return null;
    }
    return OffsetDateTime.of(LocalDate.of(year, month, day), time, offset);
  }

  private static LocalTime time(int hour, int minute, String seconds, int nanos) {
    int sec = seconds == null ? 0 : Math.min(59, Integer.parseInt(seconds)); // 60: a leap second
    if (hour == 24 && minute == 0 && sec == 0) {
      return LocalTime.MAX; // 24:00 as ISO 8601 allows: the end of the day
    }
    return LocalTime.of(hour, minute, sec, nanos);
  }

  private static ZoneOffset offset(String z) {
    Matcher m = OFFSET.matcher(z);
    if (m.matches()) {
      int h = Integer.parseInt(m.group(2));
      int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      int sign = m.group(1).equals("-") ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
    }
    String lower = z.toLowerCase(Locale.ROOT);
    Integer minutes = ZONES.get(lower);
    if (minutes != null) {
      return ZoneOffset.ofTotalSeconds(minutes * 60);
    }
    for (String prefix : new String[] {"gmt", "utc", "ut"}) {
      if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
        String rest = z.substring(prefix.length());
        return OFFSET.matcher(rest).matches() ? offset(rest) : null;
      }
    }
    if (z.length() == 1 && Character.isLetter(z.charAt(0)) && lower.charAt(0) != 'j') {
      return ZoneOffset.UTC; // a military zone: RFC 2822 section 4.3 says treat as unknown
    }
    return null;
  }

  private static OffsetDateTime rfc822(String s) {
    String[] tokens = TOKENS.split(s);
    int day = -1;
    int month = -1;
    int year = -1;
    int hour = -1;
    int minute = 0;
    String seconds = null;
    ZoneOffset offset = null;
    int ampm = 0;
    for (String raw : tokens) {
      if (raw.isEmpty()) {
        continue;
      }
      String t = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
      char c = t.isEmpty() ? ' ' : t.charAt(0);
      if (Character.isDigit(c) && t.indexOf(':') > 0 && hour < 0) {
        Matcher m = TIME.matcher(t);
        if (!m.matches()) {
          return null;
        }
        hour = Integer.parseInt(m.group(1));
        minute = Integer.parseInt(m.group(2));
        seconds = m.group(3);
        String rest = m.group(4);
        if (!rest.isEmpty()) {
          offset = offset(rest);
          if (offset == null) {
            return null;
          }
        }
      } else if (Character.isDigit(c)) {
        if (!isDigits(t, 0, t.length()) || t.length() > 4) {
          return null;
        }
        int n = Integer.parseInt(t);
        if (t.length() <= 2 && day < 0) {
          day = n;
        } else if (year < 0) {
          year = t.length() == 2 ? (n < 50 ? 2000 + n : 1900 + n) : t.length() == 3 ? 1900 + n : n;
        } else {
          return null;
        }
      } else if ((c == '+' || c == '-') && offset == null) {
        offset = offset(t);
        if (offset == null) {
          return null;
        }
      } else if (Character.isLetter(c)) {
        String lower = t.toLowerCase(Locale.ROOT);
        int mo = month(lower);
        if (mo > 0 && month < 0) {
          month = mo;
        } else if (isDayName(lower)) {
          continue;
        } else if (lower.equals("am") || lower.equals("pm")) {
          ampm = lower.equals("am") ? 1 : 2;
        } else if (offset == null && (offset = offset(t)) != null) {
          continue;
        } else {
          return null;
        }
      } else {
        return null;
      }
    }
    if (day < 0 || month < 0 || year < 0) {
      return null;
    }
    LocalTime time = LocalTime.MIDNIGHT;
    if (hour >= 0) {
      if (ampm != 0) {
        if (hour < 1 || hour > 12) {
          return null;
        }
        hour = hour % 12 + (ampm == 2 ? 12 : 0);
      }
      time = time(hour, minute, seconds, 0);
    }
    return OffsetDateTime.of(
        LocalDate.of(year, month, day), time, offset == null ? ZoneOffset.UTC : offset);
  }

  private static int month(String lower) {
    if (lower.length() < 3) {
      return -1;
    }
    for (int i = 0; i < 12; i++) {
      if (MONTH_NAMES[i].startsWith(lower) || lower.equals("sept") && i == 8) {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean isDayName(String lower) {
    if (lower.length() < 3) {
      return false;
    }
    for (String d : DAYS) {
      if (d.startsWith(lower)) {
        return true;
      }
    }
    return false;
  }
}
