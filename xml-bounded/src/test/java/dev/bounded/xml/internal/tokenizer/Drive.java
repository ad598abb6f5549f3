package dev.bounded.xml.internal.tokenizer;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.stream.XMLStreamConstants;

/**
 * Drives a {@link Tokenizer} directly by {@code feed}: the whole document at once, or in chunks,
 * and records its events as short strings (adjacent text merged, so the record does not depend on
 * how text is chunked). A failure is recorded as the last entry, "!" and its message.
 */
final class Drive {
  private Drive() {}

  static final XmlLimits LIMITS = XmlLimits.builder().engine(XmlEngine.BOUNDED).build();

  static List<String> events(String doc) {
    return events(doc.getBytes(StandardCharsets.UTF_8), LIMITS, null, 0);
  }

  static List<String> events(byte[] doc, XmlLimits limits) {
    return events(doc, limits, null, 0);
  }

  /**
   * @param chunks null for one buffer, else chunk sizes drawn from it (1 up to {@code maxChunk})
   */
  static List<String> events(byte[] doc, XmlLimits limits, Random chunks, int maxChunk) {
    Tokenizer t = new Tokenizer(limits, true, null);
    List<String> out = new ArrayList<>();
    int fed = 0;
    if (chunks == null) {
      t.feed(doc, 0, doc.length);
      fed = doc.length;
      t.endOfInput();
    }
    try {
      while (true) {
        int e = t.next();
        if (e == Tokenizer.INCOMPLETE) {
          if (fed == doc.length) {
            t.endOfInput();
            continue;
          }
          int n = Math.min(doc.length - fed, 1 + chunks.nextInt(maxChunk));
          t.feed(doc, fed, n);
          fed += n;
          continue;
        }
        record(t, e, out);
        if (e == XMLStreamConstants.END_DOCUMENT) {
          return out;
        }
      }
    } catch (BoundedParseException x) {
      out.add("!" + x.getMessage());
      return out;
    }
  }

  private static void record(Tokenizer t, int e, List<String> out) {
    switch (e) {
      case XMLStreamConstants.START_ELEMENT:
        StringBuilder sb = new StringBuilder("S:");
        sb.append(qn(t.elemUri, t.elem.local));
        for (int i = t.nsFrom; i < t.nsTo; i++) {
          sb.append(" ns(").append(t.nsPrefixAt(i)).append('=').append(t.nsUriAt(i)).append(')');
        }
        for (int i = 0; i < t.attrCount; i++) {
          sb.append(' ')
              .append(qn(t.attrUri[i], t.attrName[i].local))
              .append('=')
              .append(t.attributeValue(i));
        }
        out.add(sb.toString());
        break;
      case XMLStreamConstants.END_ELEMENT:
        out.add("E:" + qn(t.elemUri, t.elem.local));
        break;
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.CDATA:
        String s = new String(t.tbuf, 0, t.tlen);
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).startsWith("T:")) {
          out.set(last, out.get(last) + s);
        } else {
          out.add("T:" + s);
        }
        break;
      case XMLStreamConstants.COMMENT:
        out.add("C:" + new String(t.tbuf, 0, t.tlen));
        break;
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        out.add("P:" + t.piTarget + "|" + t.piData);
        break;
      case XMLStreamConstants.DTD:
        out.add("D:" + t.dtdText);
        break;
      case XMLStreamConstants.START_DOCUMENT:
        out.add("SD:" + t.version + "|" + t.encoding + "|" + t.standalone);
        break;
      case XMLStreamConstants.END_DOCUMENT:
        out.add("ED");
        break;
      default:
        out.add("?" + e);
    }
  }

  private static String qn(String uri, String local) {
    return uri == null ? local : "{" + uri + "}" + local;
  }
}
