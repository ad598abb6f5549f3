package dev.bounded.flink;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.xml.sax.SAXException;

/**
 * Deserialises XML messages under {@link XmlLimits}: each message as one DOM document through the
 * bounded JAXP drop-in ({@link #document}), or each element on a path as one record through {@link
 * BoundedXml#forEachElement} ({@link #elements}: a message of a million records holds one at a
 * time). A message that breaks a limit or is malformed becomes an error record; in {@link
 * #elements} mode the records before the break are delivered and the error record counts them.
 * Trees are charged to the TaskManager's {@link TaskManagerBudget} while built.
 *
 * <pre>{@code
 * BoundedXmlSchema<String> schema = BoundedXmlSchema.elements(XmlLimits::defaults, "/orders/order",
 *     e -> e.getAttribute("id"), Types.STRING);
 * }</pre>
 *
 * @param <T> the value type
 */
public final class BoundedXmlSchema<T> implements DeserializationSchema<Parsed<T>> {
  private static final long serialVersionUID = 1L;

  private final LimitsSpec<XmlLimits> spec;
  private final String path; // null: the whole document
  private final ElementMapper<T> mapper;
  private final TypeInformation<T> typeInfo;
  private transient XmlLimits xmlLimits;
  private transient DomLimits domLimits;
  private transient DocumentBuilder builder;

  private BoundedXmlSchema(
      LimitsSpec<XmlLimits> spec, String path, ElementMapper<T> mapper, TypeInformation<T> type) {
    this.spec = Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(spec.build(), "spec.build()");
    this.path = path;
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.typeInfo = Objects.requireNonNull(type, "type");
  }

  /** Each message one DOM document; {@code mapper} gets its document element. */
  public static <T> BoundedXmlSchema<T> document(
      LimitsSpec<XmlLimits> spec, ElementMapper<T> mapper, TypeInformation<T> type) {
    return new BoundedXmlSchema<>(spec, null, mapper, type);
  }

  /**
   * Each element of a message on {@code path} (as {@link BoundedXml#forEachElement} takes it:
   * {@code "/feed/entry"}, or a bare name for any depth) one record. Use {@link
   * #deserialize(byte[], Collector)}, which every Flink source calls.
   */
  public static <T> BoundedXmlSchema<T> elements(
      LimitsSpec<XmlLimits> spec, String path, ElementMapper<T> mapper, TypeInformation<T> type) {
    return new BoundedXmlSchema<>(spec, Objects.requireNonNull(path, "path"), mapper, type);
  }

  @Override
  public void open(InitializationContext context) {
    init();
    TaskManagerBudget.register(context.getMetricGroup(), TaskManagerBudget.get());
  }

  private void init() {
    if (xmlLimits == null) {
      xmlLimits = spec.build();
      domLimits = DomLimits.defaults().toBuilder().parseBudget(TaskManagerBudget.get()).build();
    }
  }

  private DocumentBuilder builder() {
    if (builder == null) {
      init();
      BoundedDocumentBuilderFactory f =
          BoundedDocumentBuilderFactory.newInstance(xmlLimits, domLimits);
      f.setNamespaceAware(true);
      try {
        builder = f.newDocumentBuilder();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException(e);
      }
    }
    return builder;
  }

  /** In {@link #document} mode the message's one record; in {@link #elements} mode unsupported. */
  @Override
  public Parsed<T> deserialize(byte[] message) {
    if (path != null) {
      throw new UnsupportedOperationException(
          "elements() yields any number of records: call deserialize(byte[], Collector)");
    }
    if (message == null) {
      return null;
    }
    try {
      return Parsed.value(
          mapper.map(builder().parse(new ByteArrayInputStream(message)).getDocumentElement()));
    } catch (SAXException | IOException e) {
      builder.reset();
      return Parsed.error(ParseError.of(Problems.message(message), Problems.cause(e), 0));
    }
  }

  @Override
  public void deserialize(byte[] message, Collector<Parsed<T>> out) {
    if (path == null) {
      Parsed<T> p = deserialize(message);
      if (p != null) {
        out.collect(p);
      }
      return;
    }
    if (message == null) {
      return;
    }
    init();
    long[] records = {0};
    try {
      BoundedXml.forEachElement(
          new ByteArrayInputStream(message),
          xmlLimits,
          domLimits,
          path,
          e -> {
            out.collect(Parsed.value(mapper.map(e)));
            records[0]++;
          });
    } catch (BoundedParseException e) {
      out.collect(Parsed.error(ParseError.of(Problems.message(message), e, records[0])));
    } catch (IOException e) {
      out.collect(
          Parsed.error(ParseError.of(Problems.message(message), Problems.cause(e), records[0])));
    }
  }

  @Override
  public boolean isEndOfStream(Parsed<T> next) {
    return false;
  }

  @Override
  public TypeInformation<Parsed<T>> getProducedType() {
    return Parsed.typeOf(typeInfo);
  }
}
