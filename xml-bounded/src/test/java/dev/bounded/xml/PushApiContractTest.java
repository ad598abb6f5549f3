package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The push API's contract: early stop, handler exceptions, statistics, the caller's stream. */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class PushApiContractTest extends EngineParameterized {
  static final String DOC =
      "<r xmlns:p='urn:ab'><p:elem a='12345' longattr='x'>hello<![CDATA[ world]]>&amp;</p:elem>"
          + "<!--0123--><?pi 0123456?><e/></r>";

  @Test
  void stopEndsTheParseEarlyAndReportsItIncomplete() throws IOException {
    GeneratedStream in = new GeneratedStream("<r>", "<e>x</e>", 10_000_000, "</r>");
    List<String> seen = new ArrayList<>();
    boolean[] ended = new boolean[1];
    XmlStats stats =
        BoundedXml.parse(
            in,
            builder().unlimited().build(),
            new XmlHandler() {
              XmlContext ctx;

              @Override
              public void startDocument(XmlContext context) {
                ctx = context;
              }

              @Override
              public void startElement(String ns, String local, String prefix, XmlAttributes a) {
                seen.add(local);
                if (seen.size() == 3) {
                  assertFalse(ctx.isStopped());
                  ctx.stop();
                  assertTrue(ctx.isStopped());
                }
              }

              @Override
              public void endDocument() {
                ended[0] = true;
              }
            });
    assertEquals(List.of("r", "e", "e"), seen);
    assertFalse(stats.complete());
    assertFalse(ended[0]);
    assertTrue(in.pulled() < 64 << 10, () -> "pulled " + in.pulled());
  }

  @Test
  void aCompleteParseSaysSo() throws IOException {
    assertTrue(BoundedXml.parse(bytes(DOC), limits(), new XmlHandler() {}).complete());
  }

  @Test
  void statsReportTheHighWaterMarksOfAKnownDocument() throws IOException {
    XmlStats s = BoundedXml.parse(bytes(DOC), limits(), new XmlHandler() {});
    assertEquals(bytes(DOC).length, s.bytes());
    assertEquals(2, s.maxDepth());
    assertEquals(3, s.elements());
    assertEquals(2, s.maxAttributes());
    assertEquals("urn:ab".length(), s.maxAttributeLength());
    assertEquals("hello world&".length(), s.maxTextLength());
    assertEquals("longattr".length(), s.maxNameLength());

    XmlStats pi =
        BoundedXml.parse(
            bytes("<r>ab<?pi 0123456789?>cd<!--c--></r>"), limits(), new XmlHandler() {});
    assertEquals(10, pi.maxTextLength());
    XmlStats comment =
        BoundedXml.parse(bytes("<r>ab<!--0123456789ab-->cd</r>"), limits(), new XmlHandler() {});
    assertEquals(12, comment.maxTextLength());
  }

  @Test
  void statsFromThePullReaderMatchThePushParse() throws Exception {
    XmlStats push = BoundedXml.parse(bytes(DOC), limits(), new XmlHandler() {});
    XmlStats pull =
        InputMode.pull(new ByteArrayInputStream(bytes(DOC)), limits(), new XmlHandler() {});
    assertEquals(push.toString(), pull.toString());
  }

  @Test
  void statsAtTheLimitsAreTheLimits() throws IOException {
    XmlStats s = BoundedXml.parse(bytes(DOC), limits(), new XmlHandler() {});
    XmlLimits exact =
        builder()
            .maxBytes(s.bytes())
            .maxDepth(s.maxDepth())
            .maxElements(s.elements())
            .maxAttributes(s.maxAttributes())
            .maxAttributeLength(s.maxAttributeLength())
            .maxTextLength(s.maxTextLength())
            .maxNameLength(s.maxNameLength())
            .build();
    BoundedXml.parse(bytes(DOC), exact, new XmlHandler() {});
    for (Limit l :
        List.of(
            Limit.MAX_BYTES,
            Limit.MAX_DEPTH,
            Limit.MAX_ELEMENTS,
            Limit.MAX_ATTRIBUTES,
            Limit.MAX_ATTRIBUTE_LENGTH,
            Limit.MAX_TEXT_LENGTH,
            Limit.MAX_NAME_LENGTH)) {
      XmlLimits tighter = lower(exact.toBuilder(), l, exact.maximum(l) - 1).build();
      LimitExceededException e =
          assertThrows(
              LimitExceededException.class,
              () -> BoundedXml.parse(bytes(DOC), tighter, new XmlHandler() {}),
              l::name);
      assertEquals(l, e.limit());
    }
  }

  static XmlLimits.Builder lower(XmlLimits.Builder b, Limit l, long v) {
    switch (l) {
      case MAX_BYTES:
        return b.maxBytes(v);
      case MAX_DEPTH:
        return b.maxDepth(v);
      case MAX_ELEMENTS:
        return b.maxElements(v);
      case MAX_ATTRIBUTES:
        return b.maxAttributes(v);
      case MAX_ATTRIBUTE_LENGTH:
        return b.maxAttributeLength(v);
      case MAX_TEXT_LENGTH:
        return b.maxTextLength(v);
      case MAX_NAME_LENGTH:
        return b.maxNameLength(v);
      default:
        throw new AssertionError(l);
    }
  }

  @Test
  void aHandlersIOExceptionPropagatesUnchanged() {
    IOException mine = new IOException("mine");
    assertSame(mine, assertThrows(IOException.class, () -> parseThrowing(mine)));
  }

  @Test
  void aHandlersRuntimeExceptionPropagatesUnchanged() {
    RuntimeException mine = new IllegalStateException("mine");
    assertSame(mine, assertThrows(IllegalStateException.class, () -> parseThrowing(mine)));
    UncheckedIOException unchecked = new UncheckedIOException(new IOException("x"));
    assertSame(unchecked, assertThrows(UncheckedIOException.class, () -> parseThrowing(unchecked)));
  }

  @Test
  void aHandlersOwnBoundedParseExceptionPropagatesUnchanged() {
    LimitExceededException mine =
        new LimitExceededException(
            Limit.MAX_NODES, 1, 2, "MyLimits.maxNodes", ParseLocation.atByte(7));
    assertSame(mine, assertThrows(BoundedParseException.class, () -> parseThrowing(mine)));
  }

  @Test
  void handlerExceptionsPropagateFromEveryCallback() {
    String doc = "<r><?pi x?><!--c-->t</r>";
    for (String where :
        List.of(
            "startDocument",
            "startElement",
            "pi",
            "comment",
            "characters",
            "endElement",
            "endDocument")) {
      IOException mine = new IOException(where);
      XmlHandler h =
          new XmlHandler() {
            void maybe(String w) throws IOException {
              if (w.equals(where)) {
                throw mine;
              }
            }

            @Override
            public void startDocument(XmlContext c) throws IOException {
              maybe("startDocument");
            }

            @Override
            public void startElement(String n, String l, String p, XmlAttributes a)
                throws IOException {
              maybe("startElement");
            }

            @Override
            public void processingInstruction(String t, String d) throws IOException {
              maybe("pi");
            }

            @Override
            public void comment(char[] t, int s, int l) throws IOException {
              maybe("comment");
            }

            @Override
            public void characters(char[] t, int s, int l) throws IOException {
              maybe("characters");
            }

            @Override
            public void endElement(String n, String l, String p) throws IOException {
              maybe("endElement");
            }

            @Override
            public void endDocument() throws IOException {
              maybe("endDocument");
            }
          };
      assertSame(
          mine,
          assertThrows(IOException.class, () -> BoundedXml.parse(bytes(doc), limits(), h)),
          where);
    }
  }

  void parseThrowing(Exception e) throws IOException {
    BoundedXml.parse(
        bytes("<r><e/></r>"),
        limits(),
        new XmlHandler() {
          @Override
          public void startElement(String ns, String local, String prefix, XmlAttributes a)
              throws IOException {
            if (local.equals("e")) {
              if (e instanceof IOException) {
                throw (IOException) e;
              }
              throw (RuntimeException) e;
            }
          }
        });
  }

  @Test
  void theCallersStreamIsNeverClosed() throws IOException {
    CloseTrackingStream ok = new CloseTrackingStream(new ByteArrayInputStream(bytes(DOC)));
    BoundedXml.parse(ok, limits(), new XmlHandler() {});
    assertFalse(ok.closed);

    CloseTrackingStream bad =
        new CloseTrackingStream(new ByteArrayInputStream(bytes("<r><e></r>")));
    assertThrows(
        BoundedParseException.class, () -> BoundedXml.parse(bad, limits(), new XmlHandler() {}));
    assertFalse(bad.closed);

    CloseTrackingStream breach = new CloseTrackingStream(new ByteArrayInputStream(bytes(DOC)));
    assertThrows(
        LimitExceededException.class,
        () -> BoundedXml.parse(breach, builder().maxDepth(1).build(), new XmlHandler() {}));
    assertFalse(breach.closed);

    CloseTrackingStream stopped = new CloseTrackingStream(new ByteArrayInputStream(bytes(DOC)));
    BoundedXml.parse(
        stopped,
        limits(),
        new XmlHandler() {
          XmlContext c;

          @Override
          public void startDocument(XmlContext context) {
            c = context;
          }

          @Override
          public void startElement(String n, String l, String p, XmlAttributes a) {
            c.stop();
          }
        });
    assertFalse(stopped.closed);

    CloseTrackingStream thrown = new CloseTrackingStream(new ByteArrayInputStream(bytes(DOC)));
    assertThrows(
        IllegalStateException.class,
        () ->
            BoundedXml.parse(
                thrown,
                limits(),
                new XmlHandler() {
                  @Override
                  public void startElement(String n, String l, String p, XmlAttributes a) {
                    throw new IllegalStateException();
                  }
                }));
    assertFalse(thrown.closed);

    boolean[] readerClosed = new boolean[1];
    java.io.Reader reader =
        new java.io.StringReader(DOC) {
          @Override
          public void close() {
            readerClosed[0] = true;
          }
        };
    BoundedXml.parse(reader, limits(), new XmlHandler() {});
    assertFalse(readerClosed[0]);
  }

  @Test
  void theContextTracksDepthAndLocation() throws IOException {
    List<String> seen = new ArrayList<>();
    BoundedXml.parse(
        bytes("<r>\n  <a><b/></a>\n</r>"),
        limits(),
        new XmlHandler() {
          XmlContext c;

          @Override
          public void startDocument(XmlContext context) {
            c = context;
          }

          @Override
          public void startElement(String n, String l, String p, XmlAttributes a) {
            seen.add(l + "@" + c.depth() + ":" + c.location().line());
          }

          @Override
          public void endElement(String n, String l, String p) {
            seen.add("/" + l + "@" + c.depth());
          }
        });
    assertEquals(List.of("r@1:1", "a@2:2", "b@3:2", "/b@3", "/a@2", "/r@1"), seen);
  }

  @Test
  void attributesAndNamespacesAreReported() throws IOException {
    List<String> seen = new ArrayList<>();
    BoundedXml.parse(
        bytes("<r xmlns='urn:d' xmlns:p='urn:p' p:a='1' b='2'><p:e/></r>"),
        limits(),
        new XmlHandler() {
          @Override
          public void startElement(String ns, String l, String p, XmlAttributes a) {
            StringBuilder sb = new StringBuilder("{" + ns + "}" + p + ":" + l);
            for (int i = 0; i < a.count(); i++) {
              sb.append(" {")
                  .append(a.namespaceUri(i))
                  .append('}')
                  .append(a.prefix(i))
                  .append(':')
                  .append(a.localName(i))
                  .append('=')
                  .append(a.value(i));
            }
            for (int i = 0; i < a.namespaceCount(); i++) {
              sb.append(" ns ")
                  .append(a.declaredPrefix(i))
                  .append('=')
                  .append(a.declaredNamespaceUri(i));
            }
            sb.append(" lookup=")
                .append(a.value("urn:p", "a"))
                .append(',')
                .append(a.value("", "b"))
                .append(',')
                .append(a.value("", "zz"));
            seen.add(sb.toString());
          }
        });
    assertEquals(
        List.of(
            "{urn:d}:r {urn:p}p:a=1 {}:b=2 ns =urn:d ns p=urn:p lookup=1,2,null",
            "{urn:p}p:e lookup=null,null,null"),
        seen);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
