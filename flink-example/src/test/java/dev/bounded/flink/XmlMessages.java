package dev.bounded.flink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * XML messages for {@link MessageJobMain}: message {@code i} is {@code <orders>} with two {@code
 * <order>} records of amount {@code i}, and those at {@link #PILLS} are poison pills for {@link
 * BoundedXmlSchema#elements}.
 */
final class XmlMessages {
  static final long[] PILLS = {501, 1_502, 2_503, 3_504, 4_505};

  /** The kind of each pill's one error record, and the records it delivers before it. */
  static final String[] PILL_KINDS = {
    "MAX_DEPTH", "FORBIDDEN", "MAX_TEXT_LENGTH", "MAX_ATTRIBUTES", "MALFORMED"
  };

  static final long[] PILL_RECORDS_BEFORE = {1, 0, 1, 0, 1};

  private XmlMessages() {}

  static byte[] message(long i) {
    String ok = "<order id=\"a\" amount=\"1\"/>";
    switch (Arrays.binarySearch(PILLS, i)) {
      case 0: // 10^6 nesting after one record
        return ("<orders>" + ok + "<order id=\"d\">" + "<x>".repeat(1_000_000))
            .getBytes(StandardCharsets.UTF_8);
      case 1: // entity expansion: refused at the DOCTYPE
        return ("<!DOCTYPE orders [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><orders><order id=\"&c;\"/></orders>")
            .getBytes(StandardCharsets.UTF_8);
      case 2: // a 50 MB text node in the second record
        byte[] head = ("<orders>" + ok + "<order id=\"t\">").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</order></orders>".getBytes(StandardCharsets.UTF_8);
        byte[] m = new byte[head.length + (50 << 20) + tail.length];
        System.arraycopy(head, 0, m, 0, head.length);
        Arrays.fill(m, head.length, m.length - tail.length, (byte) 'x');
        System.arraycopy(tail, 0, m, m.length - tail.length, tail.length);
        return m;
      case 3: // an attribute flood
        StringBuilder b = new StringBuilder("<orders><order");
        for (int a = 0; a < 100_000; a++) {
          b.append(" a").append(a).append("=\"\"");
        }
        return b.append("/></orders>").toString().getBytes(StandardCharsets.UTF_8);
      case 4: // cut off
        return ("<orders>" + ok + "<order id=\"m\">").getBytes(StandardCharsets.UTF_8);
      default:
        return ("<orders><order id=\"o"
                + i
                + "\" amount=\""
                + i
                + "\"/><order id=\"p"
                + i
                + "\" amount=\""
                + i
                + "\"><note>fine</note></order></orders>")
            .getBytes(StandardCharsets.UTF_8);
    }
  }
}
