package dev.bounded.bench.input;

/** Documents nested {@value #DEPTH} levels deep, each level carrying a little data. */
public final class Deep {
  private Deep() {}

  /** The nesting depth of the deep documents. */
  public static final int DEPTH = 200;

  /** XML: nested elements with an attribute and a text node at each level. */
  public static String xml() {
    StringBuilder sb = new StringBuilder(DEPTH * 40);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    for (int i = 0; i < DEPTH; i++) {
      sb.append("<level n=\"").append(i).append("\">text ").append(i);
    }
    for (int i = DEPTH - 1; i >= 0; i--) {
      sb.append("</level>");
    }
    return sb.append('\n').toString();
  }

  /** JSON: objects and arrays alternating, with a field or two at each level. */
  public static String json() {
    StringBuilder sb = new StringBuilder(DEPTH * 30);
    for (int i = 0; i < DEPTH; i++) {
      if (i % 2 == 0) {
        sb.append("{\"n\":").append(i).append(",\"child\":");
      } else {
        sb.append("[\"level ").append(i).append("\",");
      }
    }
    sb.append("null");
    for (int i = DEPTH - 1; i >= 0; i--) {
      sb.append(i % 2 == 0 ? '}' : ']');
    }
    return sb.append('\n').toString();
  }
}
