package dev.bounded.xml.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedXMLInputFactory;
import dev.bounded.xml.XmlLimits;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;

/** The real StAX clients, Jackson's XmlMapper and Jakarta XML Binding, on our factory. */
class StaxClientsTest {
  static final String FEED =
      "<feed version=\"2\"><title>News &amp; views</title>"
          + "<item id=\"1\"><title>One</title><tag>a</tag><tag>b</tag></item>"
          + "<item id=\"2\"><title><![CDATA[Two <b>]]> and more</title></item></feed>";

  /** A POJO for Jackson (public fields) and JAXB (field access). */
  @XmlRootElement(name = "feed")
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class Feed {
    @XmlAttribute public int version;
    public String title;

    @com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper(useWrapping = false)
    @XmlElement(name = "item")
    public List<Item> item;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  public static class Item {
    @XmlAttribute public String id;
    public String title;

    @com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper(useWrapping = false)
    public List<String> tag;
  }

  static void checkFeed(Feed f) {
    assertEquals(2, f.version);
    assertEquals("News & views", f.title);
    assertEquals(2, f.item.size());
    assertEquals("1", f.item.get(0).id);
    assertEquals(List.of("a", "b"), f.item.get(0).tag);
    assertEquals("Two <b> and more", f.item.get(1).title);
  }

  static String deep(int depth) {
    return "<feed>" + "<x>".repeat(depth - 1) + "</x>".repeat(depth - 1) + "</feed>";
  }

  static <T extends BoundedParseException> T inChain(Throwable e, Class<T> type) {
    return BoundedParseException.find(e, type)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + e, e));
  }

  @Test
  void xmlMapperReadsPojosThroughOurFactory() throws Exception {
    XmlMapper mapper = new XmlMapper(new XmlFactory(BoundedXMLInputFactory.newInstance()));
    checkFeed(mapper.readValue(FEED, Feed.class));
    checkFeed(mapper.readValue(FEED.getBytes(StandardCharsets.UTF_8), Feed.class));
    checkFeed(
        mapper.readValue(
            new ByteArrayInputStream(FEED.getBytes(StandardCharsets.UTF_8)), Feed.class));
    checkFeed(mapper.readValue(new StringReader(FEED), Feed.class));
    // XmlFactory turned coalescing on: the CDATA and the text after it came as one value
    XMLInputFactory in = mapper.getFactory().getXMLInputFactory();
    assertEquals(Boolean.TRUE, in.getProperty(XMLInputFactory.IS_COALESCING));
  }

  @Test
  void xmlMapperFailsTypedOnALimitWithOursInTheChain() throws Exception {
    XmlLimits limits = XmlLimits.builder().maxDepth(10).maxTextLength(8).build();
    XmlMapper mapper = new XmlMapper(new XmlFactory(BoundedXMLInputFactory.newInstance(limits)));
    // unknown elements are read and skipped, so the depth is reached
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    JsonProcessingException deep =
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(deep(11), Feed.class));
    LimitExceededException ours = inChain(deep, LimitExceededException.class);
    assertEquals(Limit.MAX_DEPTH, ours.limit());
    assertEquals(10, ours.maximum());
    assertEquals(0, mapper.readValue(deep(10), Feed.class).version); // exactly at the limit
    // coalesced text "News & views" is 12 characters: over maxTextLength 8
    JsonProcessingException text =
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(FEED, Feed.class));
    assertEquals(Limit.MAX_TEXT_LENGTH, inChain(text, LimitExceededException.class).limit());
  }

  @Test
  void xmlMapperNeverExpandsADoctype() {
    XmlMapper mapper = new XmlMapper(new XmlFactory(BoundedXMLInputFactory.newInstance()));
    String xxe =
        "<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed><title>&x;</title></feed>";
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(xxe, Feed.class));
    inChain(e, ForbiddenConstructException.class);
  }

  @Test
  void jaxbUnmarshalsThroughOurStreamReaderEventReaderAndFactory() throws Exception {
    Unmarshaller u = JAXBContext.newInstance(Feed.class).createUnmarshaller();
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    byte[] bytes = FEED.getBytes(StandardCharsets.UTF_8);
    checkFeed((Feed) u.unmarshal(f.createXMLStreamReader(new ByteArrayInputStream(bytes))));
    checkFeed((Feed) u.unmarshal(f.createXMLEventReader(new ByteArrayInputStream(bytes))));
    checkFeed(u.unmarshal(f.createXMLStreamReader(new StringReader(FEED)), Feed.class).getValue());
    checkFeed(
        (Feed)
            u.unmarshal(
                f.createXMLStreamReader(new StreamSource(new ByteArrayInputStream(bytes)))));
  }

  @Test
  void jaxbFailsTypedOnALimitWithOursInTheChain() throws Exception {
    Unmarshaller u = JAXBContext.newInstance(Feed.class).createUnmarshaller();
    BoundedXMLInputFactory f =
        BoundedXMLInputFactory.newInstance(XmlLimits.builder().maxDepth(10).build());
    byte[] bytes = deep(11).getBytes(StandardCharsets.UTF_8);
    UnmarshalException stream =
        assertThrows(
            UnmarshalException.class,
            () -> u.unmarshal(f.createXMLStreamReader(new ByteArrayInputStream(bytes))));
    assertEquals(Limit.MAX_DEPTH, inChain(stream, LimitExceededException.class).limit());
    UnmarshalException events =
        assertThrows(
            UnmarshalException.class,
            () -> u.unmarshal(f.createXMLEventReader(new ByteArrayInputStream(bytes))));
    assertEquals(Limit.MAX_DEPTH, inChain(events, LimitExceededException.class).limit());
    // exactly at the limit, JAXB reads it (and skips the unknown elements)
    u.unmarshal(f.createXMLStreamReader(new StringReader(deep(10))));
  }
}
