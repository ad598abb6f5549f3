package dev.bounded.xml.internal.stax;

import java.util.NoSuchElementException;
import javax.xml.stream.EventFilter;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.XMLEvent;
import javax.xml.stream.util.EventReaderDelegate;

/**
 * An event reader that passes on the events {@code filter} accepts. Unlike the JDK's filter, whose
 * {@code hasNext()} answers false when reading on fails (so a breach would look like the end of the
 * document), {@link #hasNext()} answers true and the failure is thrown by the next {@link
 * #nextEvent()} or {@link #peek()}.
 */
public final class FilteredEvents extends EventReaderDelegate {
  private final EventFilter filter;
  private XMLEvent peeked;
  private XMLStreamException failure;

  public FilteredEvents(XMLEventReader in, EventFilter filter) {
    super(in);
    this.filter = filter;
  }

  @Override
  public XMLEvent peek() throws XMLStreamException {
    if (failure != null) {
      throw failure;
    }
    try {
      while (peeked == null && super.hasNext()) {
        XMLEvent e = super.nextEvent();
        if (filter.accept(e)) {
          peeked = e;
        }
      }
    } catch (XMLStreamException e) {
      failure = e;
      throw e;
    }
    return peeked;
  }

  @Override
  public XMLEvent nextEvent() throws XMLStreamException {
    XMLEvent e = peek();
    if (e == null) {
      throw new NoSuchElementException();
    }
    peeked = null;
    return e;
  }

  @Override
  public Object next() {
    try {
      return nextEvent();
    } catch (XMLStreamException e) {
      NoSuchElementException x = new NoSuchElementException(e.getMessage());
      x.initCause(e);
      throw x;
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return peek() != null;
    } catch (XMLStreamException e) {
      return true; // nextEvent() throws it
    }
  }

  @Override
  public XMLEvent nextTag() throws XMLStreamException {
    for (XMLEvent e = nextEvent(); ; e = nextEvent()) {
      if (e.isStartElement() || e.isEndElement()) {
        return e;
      }
      if (!(e.isCharacters() && e.asCharacters().isWhiteSpace()
          || e.getEventType() == XMLEvent.COMMENT
          || e.getEventType() == XMLEvent.PROCESSING_INSTRUCTION)) {
        throw new XMLStreamException("Expected a start or end tag, found " + e, e.getLocation());
      }
    }
  }

  @Override
  public String getElementText() throws XMLStreamException {
    throw new XMLStreamException(
        "getElementText() on a filtered event reader: read the text events the filter passes");
  }
}
