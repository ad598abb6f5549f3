package dev.bounded.modulecheck;

import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@code ModulePathIT} in a child JVM whose Bounded modules are on the module path (this
 * class is on the class path, in a package no module holds): parses about 20 MB of generated XML
 * under {@code maxAllocatedBytes(1 MB)} and prints the outcome on one line. On HotSpot the cap must
 * fire: {@code dev.bounded.core} reads {@code jdk.management}, so its allocation counter is there.
 * The cap counts the parsing thread, handler included, and the handler here keeps each text as a
 * {@code String} as a real one would: our tokenizer on its own allocates almost nothing on this
 * repetitive document (it read 20 MB under the 1 MB cap with an empty handler).
 */
public final class AllocationCapProbe {
  /** The cap the probe sets, in bytes. */
  public static final long CAP = 1_000_000;

  private AllocationCapProbe() {}

  /** Prints {@code breach LIMIT maximum setting}, {@code no breach} or {@code unsupported: ...}. */
  public static void main(String[] args) throws Exception {
    byte[] element = "<e a='1'>text</e>".getBytes(StandardCharsets.US_ASCII);
    long total = 20L << 20;
    InputStream body =
        new InputStream() {
          long n;

          @Override
          public int read() {
            return n < total ? element[(int) (n++ % element.length)] : -1;
          }
        };
    InputStream open = new ByteArrayInputStream("<r>".getBytes(StandardCharsets.US_ASCII));
    InputStream close = new ByteArrayInputStream("</r>".getBytes(StandardCharsets.US_ASCII));
    InputStream doc = new SequenceInputStream(new SequenceInputStream(open, body), close);
    try {
      // build() already refuses a cap this JVM cannot count: inside the try.
      XmlLimits limits = XmlLimits.builder().unlimited().maxAllocatedBytes(CAP).build();
      String[] last = new String[1];
      BoundedXml.parse(
          doc,
          limits,
          new XmlHandler() {
            @Override
            public void characters(char[] text, int start, int length) {
              last[0] = new String(text, start, length);
            }
          });
      System.out.println("no breach");
    } catch (LimitExceededException e) {
      System.out.println("breach " + e.limit() + " " + e.maximum() + " " + e.setting());
    } catch (UnsupportedOperationException e) {
      System.out.println("unsupported: " + e.getMessage());
    }
  }
}
