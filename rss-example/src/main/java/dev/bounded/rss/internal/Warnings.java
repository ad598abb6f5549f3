package dev.bounded.rss.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one read tolerated (feedparser's "bozo"): at most {@link #MAX} messages kept, every one
 * counted, so a feed of a million bad dates holds 100 strings.
 */
public final class Warnings {
  /** Messages kept; later ones are only counted. */
  public static final int MAX = 100;

  private final List<String> kept = new ArrayList<>();
  private long count;

  /** Records one warning. */
  public void add(String message) {
    count++;
    if (kept.size() < MAX) {
      kept.add(message);
    }
  }

  /** Warnings recorded so far, kept or not. */
  public long count() {
    return count;
  }

  /** The kept messages, plus one saying how many more there were. */
  public List<String> list() {
    if (count == 0) {
      return Collections.emptyList();
    }
    if (count <= kept.size()) {
      return new ArrayList<>(kept);
    }
    List<String> l = new ArrayList<>(kept);
    l.add("... and " + (count - kept.size()) + " more warnings");
    return l;
  }
}
