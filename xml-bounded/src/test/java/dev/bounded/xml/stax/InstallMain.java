package dev.bounded.xml.stax;

import com.sun.net.httpserver.HttpServer;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedJaxp;
import dev.bounded.xml.BoundedSAXParserFactory;
import dev.bounded.xml.BoundedXMLInputFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import jakarta.xml.bind.JAXB;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.xpath.XPathFactory;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Runs in a forked JVM ({@link InstallTest}), because it changes process-wide state. Modes:
 * "install" calls {@link BoundedJaxp#install()}; "properties" expects the parent to have passed the
 * system properties; "none" is the control, where the JDK's own parsers are still in use. Checks
 * the JAXP look-ups, XPath, XSLT, the DOM/SAX/StAX look-ups and {@code JAXB.unmarshal} on a
 * 1,000-deep document and on XXE to a loopback server started here; prints "OK ..." and exits 0, or
 * throws.
 */
public final class InstallMain {
  static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

  @XmlRootElement(name = "r")
  public static class R {
    public String a;
  }

  interface Parse {
    void run(String doc) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    if (mode.equals("install")) {
      BoundedJaxp.install();
      BoundedJaxp.install(); // idempotent
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          REQUESTS.add(x.getRequestMethod() + " " + x.getRequestURI());
          byte[] body = "<!ENTITY e 'fetched'>".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          try (OutputStream out = x.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    PrintStream realErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> report = new ArrayList<>();
    try {
      boolean bounded = !mode.equals("none");
      lookups(bounded, report);

      List<Parse> parsers = new ArrayList<>();
      List<String> names = new ArrayList<>();
      names.add("XPath");
      parsers.add(
          d ->
              XPathFactory.newInstance()
                  .newXPath()
                  .evaluate("count(//*)", new InputSource(new StringReader(d))));
      names.add("identity Transformer");
      parsers.add(
          d ->
              TransformerFactory.newInstance()
                  .newTransformer()
                  .transform(
                      new StreamSource(new StringReader(d)), new StreamResult(new StringWriter())));
      names.add("XSLT Transformer");
      parsers.add(
          d ->
              TransformerFactory.newInstance()
                  .newTransformer(
                      new StreamSource(
                          new StringReader(
                              "<xsl:stylesheet version='1.0'"
                                  + " xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                                  + "<xsl:template match='/'><n><xsl:value-of"
                                  + " select='count(//*)'/></n></xsl:template></xsl:stylesheet>")))
                  .transform(
                      new StreamSource(new StringReader(d)), new StreamResult(new StringWriter())));
      names.add("DocumentBuilderFactory.newInstance()");
      parsers.add(
          d ->
              DocumentBuilderFactory.newInstance()
                  .newDocumentBuilder()
                  .parse(new InputSource(new StringReader(d))));
      names.add("SAXParserFactory.newInstance()");
      parsers.add(
          d ->
              SAXParserFactory.newInstance()
                  .newSAXParser()
                  .parse(new InputSource(new StringReader(d)), new DefaultHandler()));
      names.add("XMLInputFactory.newInstance()");
      parsers.add(
          d -> {
            XMLStreamReader r =
                XMLInputFactory.newInstance().createXMLStreamReader(new StringReader(d));
            while (r.hasNext()) {
              r.next();
            }
          });
      names.add("JAXB.unmarshal");
      parsers.add(
          d ->
              JAXB.unmarshal(
                  new ByteArrayInputStream(d.getBytes(StandardCharsets.UTF_8)), R.class));

      String small = "<r><a>x</a></r>";
      String deep = "<r>" + "<a>".repeat(999) + "</a>".repeat(999) + "</r>";
      String xxe = "<!DOCTYPE r [<!ENTITY e SYSTEM \"" + base + "/e.xml\">]><r><a>&e;</a></r>";
      String dtd = "<!DOCTYPE r SYSTEM \"" + base + "/r.dtd\"><r><a>x</a></r>";
      for (int i = 0; i < parsers.size(); i++) {
        String name = names.get(i);
        Parse p = parsers.get(i);
        p.run(small); // works either way
        Throwable onDeep = failure(p, deep);
        Throwable onXxe = failure(p, xxe);
        failure(p, dtd);
        if (bounded && name.startsWith("XSLT")) {
          // XSLTC wraps the reader's failure in an internal exception that drops its cause: only
          // our message comes through
          message(name, onDeep, deep);
          message(name, onXxe, xxe);
          report.add(name + " bounded (our message, not our type)");
        } else if (bounded) {
          LimitExceededException l = ours(name, onDeep, LimitExceededException.class);
          if (l.limit() != Limit.MAX_DEPTH) {
            throw new AssertionError(name + ": " + l);
          }
          ours(name, onXxe, ForbiddenConstructException.class);
          report.add(name + " bounded");
        } else if (onDeep == null) {
          report.add(name + " parsed 1000 levels");
        }
      }
    } finally {
      System.setErr(realErr);
      server.stop(0);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    if (!REQUESTS.isEmpty() && !mode.equals("none")) {
      throw new AssertionError("the server was called: " + REQUESTS);
    }
    if (!mode.equals("none") && !printed.isEmpty()) {
      throw new AssertionError("printed on stderr: " + printed);
    }
    System.out.println(
        "OK " + mode + " requests=" + REQUESTS.size() + " " + String.join("; ", report));
  }

  static void lookups(boolean bounded, List<String> report) {
    Object dom = DocumentBuilderFactory.newInstance();
    Object sax = SAXParserFactory.newInstance();
    Object stax = XMLInputFactory.newInstance();
    boolean all =
        dom instanceof BoundedDocumentBuilderFactory
            && sax instanceof BoundedSAXParserFactory
            && stax instanceof BoundedXMLInputFactory;
    if (all != bounded) {
      throw new AssertionError("look-ups: " + dom + ", " + sax + ", " + stax);
    }
    report.add("look-ups " + (bounded ? "bounded" : "JDK/Woodstox: " + stax.getClass().getName()));
  }

  static Throwable failure(Parse p, String doc) {
    try {
      p.run(doc);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /** Some exception in {@code t}'s chain carries the message Bounded gives {@code doc}. */
  static void message(String name, Throwable t, String doc) throws Exception {
    String want;
    try {
      BoundedXml.parse(new StringReader(doc), XmlLimits.defaults(), new XmlHandler() {});
      throw new AssertionError("Bounded parsed " + doc);
    } catch (BoundedParseException e) {
      want = e.getMessage();
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains(want)) {
        return;
      }
    }
    throw new AssertionError(name + ": no \"" + want + "\" in " + t, t);
  }

  static <T extends BoundedParseException> T ours(String name, Throwable t, Class<T> type) {
    if (t == null) {
      throw new AssertionError(name + ": parsed, expected " + type.getSimpleName());
    }
    return BoundedParseException.find(t, type)
        .orElseThrow(
            () -> new AssertionError(name + ": no " + type.getSimpleName() + " in " + t, t));
  }
}
