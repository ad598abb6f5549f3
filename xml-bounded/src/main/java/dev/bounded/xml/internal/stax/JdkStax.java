package dev.bounded.xml.internal.stax;

import javax.xml.stream.StreamFilter;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.stream.util.XMLEventAllocator;

/**
 * The JDK's own StAX implementation, for what it builds on top of any {@link XMLStreamReader}: its
 * event reader (which allocates events with the allocator the stream reader reports as {@link
 * XMLInputFactory#ALLOCATOR}) and its filters. {@link XMLInputFactory#newDefaultFactory()} names
 * the JDK's implementation directly, so a provider on the class path (Woodstox registers one) or a
 * system property cannot replace it. Those methods parse nothing: every event comes from the reader
 * they wrap.
 */
public final class JdkStax {
  private JdkStax() {}

  /** Created once; the methods used here keep no state in the factory. */
  private static final class Holder {
    static final XMLInputFactory JDK = XMLInputFactory.newDefaultFactory();
  }

  /**
   * The JDK's event reader over {@code reader}. It allocates with what {@code reader} reports as
   * {@link XMLInputFactory#ALLOCATOR}; a reader that reports none is given an {@link
   * EventAllocator} (the JDK's own allocator works only over the JDK's own reader).
   */
  public static XMLEventReader eventReader(XMLStreamReader reader) throws XMLStreamException {
    Object allocator;
    try {
      allocator = reader.getProperty(XMLInputFactory.ALLOCATOR);
    } catch (IllegalArgumentException unknown) {
      allocator = null;
    }
    if (!(allocator instanceof XMLEventAllocator)) {
      XMLEventAllocator ours = new EventAllocator();
      reader =
          new StreamReaderDelegate(reader) {
            @Override
            public Object getProperty(String name) {
              return XMLInputFactory.ALLOCATOR.equals(name) ? ours : super.getProperty(name);
            }
          };
    }
    return Holder.JDK.createXMLEventReader(reader);
  }

  public static XMLStreamReader filter(XMLStreamReader reader, StreamFilter filter)
      throws XMLStreamException {
    return Holder.JDK.createFilteredReader(reader, filter);
  }
}
