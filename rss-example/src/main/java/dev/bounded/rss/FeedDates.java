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
 * years (00-49 are 20xx, 50-99 are 19xx, as RFC 2822 says), 3-digit years (+1900), numeric zones
 * with or without a colon ({@code +0000}, {@code -05:00}, {@code +01}), {@code GMT+2}-style zones,
 * the RFC 822 names (UT, GMT, Z, EST/EDT, CST/CDT, MST/MDT, PST/PDT) and common others (CET, CEST,
 * BST, JST, AEST, ...), a space instead of {@code T}, extra whitespace, the asctime order ({@code
 * Sun Nov 6 08:49:37 1994}), a date without a time (midnight) and a time without a zone (UTC).
 * Military one-letter zones other than Z are read as UTC, as RFC 2822 advises, since they were
 * widely misused. Ambiguous names (IST) and anything else unrecognised give null, never an
 * exception. Thread-safe.
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
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december"
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
    OffsetDateTime fast = common(text);
    return fast != null ? fast : general(text);
  }

  /** The general parser: every form the class comment lists. */
  static OffsetDateTime general(CharSequence text) {
    if (text == null || text.length() > MAX_LENGTH * 2) {
      return null;
    }
    String s = collapse(text);
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    try {
      if (s.length() >= 4
          && isDigits(s, 0, 4)
          && (s.length() == 4 || !Character.isDigit(s.charAt(4)))) {
        return iso(s);
      }
      return rfc822(s);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- the common forms, fast

  /**
   * The two forms nearly every feed writes, read without regular expressions or intermediate
   * strings: RFC 822 as {@code [Ddd, ]D[D] Mmm YYYY HH:MM[:SS] ZONE} (day and month names of three
   * letters in any case; ZONE {@code +HHMM}, {@code -HHMM} or a zone name of up to four letters
   * that the general parser knows, such as {@code GMT}, {@code UT}, {@code Z}, {@code EST} or
   * {@code PDT}) and RFC 3339 as {@code YYYY-MM-DDTHH:MM:SS[.fraction][Z|+HH:MM|-HH:MM]}, exactly
   * so: single spaces, nothing around. Such text is already in the shape {@link #collapse} gives,
   * and each field is read into the same calls the general parser makes, so the result is the same.
   * Null means "not this shape" (or a value the calls reject): the general parser then decides.
   */
  static OffsetDateTime common(CharSequence s) {
    int n = s.length();
    try {
      if (n >= 19 && n <= 35 && s.charAt(4) == '-') {
        return rfc3339(s, n);
      }
      if (n >= 16 && n <= 31) {
        return rfc822(s, n);
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }

  private static OffsetDateTime rfc822(CharSequence s, int n) {
    int i = 0;
    if (s.charAt(3) == ',') {
      if (!isDayName(letters(s, 0, 3)) || s.charAt(4) != ' ') {
        return null;
      }
      i = 5;
    }
    int day = digits(s, i, 2);
    if (day >= 0 && s.charAt(i + 2) == ' ') {
      i += 3;
    } else if ((day = digits(s, i, 1)) >= 0 && s.charAt(i + 1) == ' ') {
      i += 2;
    } else {
      return null;
    }
    // the rest: "Mmm YYYY HH:MM" (14 chars), optionally ":SS", then a space and a zone
    if (n - i < 16 || s.charAt(i + 3) != ' ' || s.charAt(i + 8) != ' ' || s.charAt(i + 11) != ':') {
      return null;
    }
    int month = month(letters(s, i, 3));
    int year = digits(s, i + 4, 4);
    int hour = digits(s, i + 9, 2);
    int minute = digits(s, i + 12, 2);
    int second = 0;
    int z = i + 15; // the zone, after the space
    if (s.charAt(i + 14) == ':') {
      if (n - i < 19 || s.charAt(i + 17) != ' ') {
        return null;
      }
      second = digits(s, i + 15, 2);
      z = i + 18;
    } else if (s.charAt(i + 14) != ' ') {
      return null;
    }
    if (month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    ZoneOffset offset = zone(s, z, n);
    if (offset == null) {
      return null;
    }
    return OffsetDateTime.of(date(year, month + 1, day), time(hour, minute, second, 0), offset);
  }

  private static ZoneOffset zone(CharSequence s, int i, int n) {
    int z = n - i;
    if (z == 5 && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      int h = digits(s, i + 1, 2);
      int m = digits(s, i + 3, 2);
      if (h < 0 || m < 0) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      return offset(sign, h, m);
    }
    return z >= 1 && z <= 4 ? namedZone(letters(s, i, z)) : null;
  }

  /**
   * The lowercase ASCII letters {@code s[from, from + count)} packed into an int, eight bits each
   * (count at most 4), or -1 if any is not an ASCII letter: a key for names without a String.
   */
  private static int letters(CharSequence s, int from, int count) {
    int key = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      } else if (c < 'a' || c > 'z') {
        return -1;
      }
      key = key << 8 | c;
    }
    return key;
  }

  private static int key(String lowercase) {
    return letters(lowercase, 0, lowercase.length());
  }

  /** The month (0-11) of a three-letter name key, as {@link #month(String)} reads it; or -1. */
  private static int month(int key) {
    for (int k = 0; k < 12; k++) {
      if (MONTH_KEYS[k] == key) {
        return k;
      }
    }
    return -1;
  }

  /** Whether a three-letter key names a day, as {@link #isDayName(String)} reads it. */
  private static boolean isDayName(int key) {
    for (int k = 0; k < 7; k++) {
      if (DAY_KEYS[k] == key) {
        return true;
      }
    }
    return false;
  }

  private static final int[] MONTH_KEYS = new int[12];
  private static final int[] DAY_KEYS = new int[7];

  // The zone names of up to four letters in ZONES, by key: open addressing, a power of two at
  // least twice their number, so a probe ends at an empty slot soon.
  private static final int[] ZONE_KEYS = new int[128];
  private static final ZoneOffset[] ZONE_OFFSETS = new ZoneOffset[128];

  static {
    for (int k = 0; k < 12; k++) {
      MONTH_KEYS[k] = key(MONTH_NAMES[k].substring(0, 3));
    }
    for (int k = 0; k < 7; k++) {
      DAY_KEYS[k] = key(DAYS[k].substring(0, 3));
    }
    for (Map.Entry<String, Integer> z : ZONES.entrySet()) {
      if (z.getKey().length() <= 4) {
        int key = key(z.getKey());
        int at = zoneSlot(key);
        ZONE_KEYS[at] = key;
        ZONE_OFFSETS[at] = ZoneOffset.ofTotalSeconds(z.getValue() * 60);
      }
    }
  }

  /** The slot of {@code key} in the zone table: its own, or the empty one where it would go. */
  private static int zoneSlot(int key) {
    int at = (key * 0x9E3779B1 >>> 25) & 127;
    while (ZONE_KEYS[at] != 0 && ZONE_KEYS[at] != key) {
      at = (at + 1) & 127;
    }
    return at;
  }

  /** The offset of a zone name key that {@link #ZONES} holds, or null. */
  private static ZoneOffset namedZone(int key) {
    if (key <= 0) {
      return null;
    }
    return ZONE_OFFSETS[zoneSlot(key)];
  }

  /** Dates made by the fast paths, by a hash of the date; feeds' dates cluster on few days. */
  private static final LocalDate[] DATES = new LocalDate[512];

  /**
   * {@code LocalDate.of(year, month, day)}, shared: a date made before is taken from a small table
   * rather than made and checked again. A racy first use makes two equal instances, both safe to
   * share (a {@code LocalDate} is immutable, its fields final).
   */
  private static LocalDate date(int year, int month, int day) {
    int at = (year * 372 + month * 31 + day) & (DATES.length - 1);
    LocalDate d = DATES[at];
    if (d != null
        && d.getDayOfMonth() == day
        && d.getMonthValue() == month
        && d.getYear() == year) {
      return d;
    }
    d = LocalDate.of(year, month, day); // throws for an impossible date, as it did
    DATES[at] = d;
    return d;
  }

  /** The offsets of the fast paths by minutes east of UTC, plus 18 hours; made on first use. */
  private static final ZoneOffset[] OFFSETS = new ZoneOffset[2 * 18 * 60 + 1];

  /**
   * {@code ZoneOffset.ofHoursMinutes(sign * h, sign * m)}, made once per offset: the JDK looks each
   * one up in a concurrent map, which was about 4% of the feed reader's time on a generated feed. A
   * racy first use makes two equal instances, both safe to share (a {@code ZoneOffset} is
   * immutable).
   */
  private static ZoneOffset offset(int sign, int h, int m) {
    if (h > 18 || m > 59 || h == 18 && m > 0) {
      return ZoneOffset.ofHoursMinutes(sign * h, sign * m); // throws, as it did
    }
    int at = sign * (h * 60 + m) + 18 * 60;
    ZoneOffset z = OFFSETS[at];
    if (z == null) {
      z = ZoneOffset.ofHoursMinutes(sign * h, sign * m);
      OFFSETS[at] = z;
    }
    return z;
  }

  private static OffsetDateTime rfc3339(CharSequence s, int n) {
    if (s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int from = ++i;
      while (i < n && i - from < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i++) - '0');
      }
      if (i == from || i < n && isDigit(s.charAt(i))) {
        return null; // no digits, or more than nine
      }
      for (int k = i - from; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n) {
      offset = ZoneOffset.UTC;
    } else if (n - i == 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (n - i == 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int h = digits(s, i + 1, 2);
      int m = digits(s, i + 4, 2);
      if (h < 0 || m < 0) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      offset = offset(sign, h, m);
    } else {
      return null;
    }
    return OffsetDateTime.of(date(year, month, day), time(hour, minute, second, nanos), offset);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The {@code count} ASCII digits at {@code from} as a number, or -1. */
  private static int digits(CharSequence s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  // ---------------------------------------------------------------- the general parser

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
    return time(hour, minute, seconds == null ? 0 : Integer.parseInt(seconds), nanos);
  }

  private static LocalTime time(int hour, int minute, int seconds, int nanos) {
    int sec = Math.min(59, seconds); // 60: a leap second
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
