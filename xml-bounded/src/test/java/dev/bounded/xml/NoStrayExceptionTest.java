package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A few thousand random mutations of a handful of seed documents: every parse returns or throws a
 * BoundedParseException, never anything else. Fixed seed (printed) for reproducibility.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class NoStrayExceptionTest extends EngineParameterized {
  static final long SEED = Long.getLong("fuzz.seed", 0x5EED_B0DEDL);
  static final int ROUNDS = Integer.getInteger("fuzz.rounds", 3000);

  static final List<String> SEEDS =
      List.of(
          MalformedInputTest.SMALL,
          "<?xml version='1.0' encoding='ISO-8859-1'?><rss><channel><item><title>T &amp; U</title>"
              + "<description><![CDATA[<b>x</b>]]></description></item></channel></rss>",
          "<a:r xmlns:a='urn:a' xmlns='urn:d' a:x='1'><b a:y='&#x41;&lt;'/><c>&#128512;</c></a:r>",
          "<!DOCTYPE r [<!ENTITY e 'v'><!ELEMENT r ANY>]><r>&e;</r>",
          "<?pi data?><!--c--><r>\r\n<e/>\r</r>");

  static final String[] INSERTS = {
    "<!DOCTYPE r>",
    "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
    "&x;",
    "&amp;",
    "&#",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?",
    "?>",
    "<a>",
    "</a>",
    "<a:b>",
    "xmlns:a='u'",
    "'",
    "\"",
    "\u00e9",
    "\ud83d\ude00",
    "\uFEFF",
    "<?xml version='1.0' encoding='UTF-16'?>",
    "\r\n",
    "\u0000"
  };

  @Test
  void everyMutationParsesOrThrowsOurException() {
    System.out.println("NoStrayExceptionTest seed=" + SEED + " rounds=" + ROUNDS);
    Random rnd = new Random(SEED);
    XmlLimits tight = builder().maxDepth(64).maxTextLength(4096).maxNameLength(64).build();
    XmlLimits ignore = tight.toBuilder().dtdPolicy(DtdPolicy.IGNORE).build();
    for (int round = 0; round < ROUNDS; round++) {
      byte[] doc =
          mutate(rnd, SEEDS.get(rnd.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8));
      XmlLimits limits = rnd.nextBoolean() ? tight : ignore;
      boolean pull = rnd.nextInt(4) == 0;
      try {
        if (pull) {
          InputMode.pull(new ByteArrayInputStream(doc), limits, new Recorder());
        } else {
          BoundedXml.parse(doc, limits, new Recorder());
        }
      } catch (BoundedParseException expected) {
        // fine
      } catch (Throwable t) {
        fail(
            "round "
                + round
                + " (seed "
                + SEED
                + ", "
                + limits.dtdPolicy()
                + (pull ? ", pull" : "")
                + "): "
                + t
                + "\ndocument (base64): "
                + Base64.getEncoder().encodeToString(doc),
            t);
      }
    }
  }

  static byte[] mutate(Random rnd, byte[] seed) {
    byte[] doc = seed;
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      int at = doc.length == 0 ? 0 : rnd.nextInt(doc.length + 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (rnd.nextInt(6)) {
        case 0: // flip a byte
          if (doc.length > 0) {
            doc = doc.clone();
            doc[Math.min(at, doc.length - 1)] ^= (byte) (1 << rnd.nextInt(8));
          }
          continue;
        case 1: // random byte
          if (doc.length > 0) {
            doc = doc.clone();
            doc[Math.min(at, doc.length - 1)] = (byte) rnd.nextInt(256);
          }
          continue;
        case 2: // truncate
          doc = java.util.Arrays.copyOf(doc, at);
          continue;
        case 3: // insert a token
          out.write(doc, 0, at);
          out.writeBytes(INSERTS[rnd.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
          out.write(doc, at, doc.length - at);
          break;
        case 4: // deep nesting
          out.write(doc, 0, at);
          int depth = rnd.nextInt(200);
          out.writeBytes("<d>".repeat(depth).getBytes(StandardCharsets.UTF_8));
          if (rnd.nextBoolean()) {
            out.writeBytes("</d>".repeat(depth).getBytes(StandardCharsets.UTF_8));
          }
          out.write(doc, at, doc.length - at);
          break;
        default: // duplicate a slice
          int len = doc.length - at == 0 ? 0 : rnd.nextInt(doc.length - at);
          out.write(doc, 0, at + len);
          out.write(doc, at, doc.length - at);
          break;
      }
      doc = out.toByteArray();
    }
    return doc;
  }
}
