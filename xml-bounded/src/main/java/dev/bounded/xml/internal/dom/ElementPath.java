package dev.bounded.xml.internal.dom;

import java.util.Arrays;

/**
 * A simple element path: {@code "item"} (any element so named, at any depth), {@code
 * "channel/item"} (an {@code item} whose parent is a {@code channel}), or {@code
 * "/rss/channel/item"} (from the root). A step matches an element's local name or, if it has a
 * colon, its qualified name ({@code "dc:creator"}); {@code "*"} matches any element.
 */
public final class ElementPath {
  private final String[] steps;
  private final boolean absolute;

  private ElementPath(String[] steps, boolean absolute) {
    this.steps = steps;
    this.absolute = absolute;
  }

  /**
   * @throws IllegalArgumentException for an empty path or an empty step
   */
  public static ElementPath parse(String path) {
    if (path == null) {
      throw new NullPointerException("path");
    }
    boolean absolute = path.startsWith("/");
    String body = absolute ? path.substring(1) : path;
    String[] steps = body.split("/", -1);
    for (String s : steps) {
      if (s.isEmpty() || s.trim().length() != s.length()) {
        throw new IllegalArgumentException(
            "path must be a name or /-separated names, like \"item\" or \"/rss/channel/item\": \""
                + path
                + "\"");
      }
    }
    return new ElementPath(steps, absolute);
  }

  /**
   * Whether the element at {@code depth} (root = 1) matches, given the local and qualified names of
   * it and its ancestors at indexes {@code 0..depth-1}.
   */
  boolean matches(String[] locals, String[] qnames, int depth) {
    int n = steps.length;
    if (absolute ? depth != n : depth < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      String step = steps[n - 1 - i];
      int at = depth - 1 - i;
      if (!step.equals("*") && !step.equals(locals[at]) && !step.equals(qnames[at])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return (absolute ? "/" : "") + String.join("/", Arrays.asList(steps));
  }
}
