package dev.bounded.rss.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTML5 named character references (WHATWG list, names with a semicolon, minus the five XML
 * predefined ones), loaded once from {@code html5-entities.txt}.
 */
public final class HtmlEntities {
  /** Longest name in the table ({@code CounterClockwiseContourIntegral}), in characters. */
  public static final int MAX_NAME_LENGTH = 32;

  private HtmlEntities() {}

  private static final class Table {
    static final Map<String, int[]> MAP = load();
  }

  /** The code points of {@code &name;}, or null if {@code name} is not an HTML5 entity. */
  public static int[] codePoints(String name) {
    return Table.MAP.get(name);
  }

  /** How many names the table holds. */
  public static int size() {
    return Table.MAP.size();
  }

  private static Map<String, int[]> load() {
    Map<String, int[]> map = new HashMap<>(4096);
    try (InputStream in = HtmlEntities.class.getResourceAsStream("html5-entities.txt");
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ");
        int[] cps = new int[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          cps[i - 1] = Integer.parseInt(parts[i], 16);
        }
        map.put(parts[0], cps);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("html5-entities.txt is missing from the jar", e);
    }
    return map;
  }
}
