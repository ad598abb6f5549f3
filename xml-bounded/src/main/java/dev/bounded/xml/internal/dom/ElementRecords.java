package dev.bounded.xml.internal.dom;

import dev.bounded.core.ParseBudget;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.BoundedStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Streams a document and builds each element matching an {@link ElementPath} as a small DOM tree,
 * in its own {@code Document}; everything else is read and dropped. Memory: the names and namespace
 * declarations of the current ancestors, plus one record. Each record is charged to the {@link
 * DomLimits#parseBudget()} on an account of its own, closed when the next record is asked for, when
 * the parse fails, and at close.
 *
 * <p>A record carries, declared on its root, the ancestors' declarations it uses: the default
 * namespace in scope, and the binding of every prefix its element and attribute names use (see
 * {@link DomTreeBuilder#element}). The declarations in scope are a hash map with an undo log, so
 * what a record costs does not grow with the number of declarations its ancestors make.
 */
public final class ElementRecords implements Closeable {
  private final BoundedStreamReader r;
  private final DomLimits recordLimits;
  private final ElementPath path;
  private String[] locals = new String[16];
  private String[] qnames = new String[16];
  private int depth;
  // the namespace bindings in scope (prefix, "" for the default, to URI), and an undo log of
  // {prefix, the URI it had before or null} per declaration of an open element, its size per depth
  private final Map<String, String> scope = new HashMap<>();
  private final List<String[]> undo = new ArrayList<>();
  private int[] undoAt = new int[16];
  private boolean done;
  private long count;
  private ParseBudget.Account record; // the budget account of the record handed out last

  private ElementRecords(BoundedStreamReader r, DomLimits recordLimits, ElementPath path) {
    this.r = r;
    this.recordLimits = recordLimits;
    this.path = path;
  }

  public static ElementRecords open(
      InputStream in, XmlLimits limits, DomLimits recordLimits, String path) throws IOException {
    ElementPath p = ElementPath.parse(path);
    if (recordLimits == null) {
      throw new NullPointerException("recordLimits");
    }
    return new ElementRecords(BoundedStreamReader.open(in, limits, true), recordLimits, p);
  }

  /** Records handed out so far. */
  public long count() {
    return count;
  }

  /** The next matching element, in a new Document of its own, or null at the end of the input. */
  public Element next() throws IOException {
    releaseRecord(); // the caller is done with the previous record, as far as we can know
    while (!done) {
      int t;
      try {
        t = r.next();
      } catch (XMLStreamException e) {
        done = true;
        throw DomTreeBuilder.unwrap(e);
      }
      if (t == XMLStreamConstants.START_ELEMENT) {
        push();
        if (path.matches(locals, qnames, depth)) {
          Element e = build();
          pop();
          count++;
          return e;
        }
      } else if (t == XMLStreamConstants.END_ELEMENT) {
        pop();
      } else if (t == XMLStreamConstants.END_DOCUMENT) {
        done = true;
      }
    }
    return null;
  }

  private Element build() throws IOException {
    Document doc = BoundedDocumentBuilder.emptyDocument();
    Element e;
    record = recordLimits.parseBudget().open();
    try {
      e = new DomTreeBuilder(recordLimits, record, true, false, false).element(r, doc, scope::get);
    } catch (IOException | RuntimeException x) {
      done = true;
      releaseRecord();
      throw x;
    }
    doc.appendChild(e);
    return e;
  }

  private void push() {
    if (depth == locals.length) {
      locals = Arrays.copyOf(locals, depth * 2);
      qnames = Arrays.copyOf(qnames, depth * 2);
      undoAt = Arrays.copyOf(undoAt, depth * 2 + 1);
    }
    String local = r.getLocalName();
    String prefix = r.getPrefix();
    locals[depth] = local;
    qnames[depth] = prefix == null || prefix.isEmpty() ? local : prefix + ':' + local;
    undoAt[depth] = undo.size(); // declarations before this element
    depth++;
    for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
      String p = r.getNamespacePrefix(i);
      String u = r.getNamespaceURI(i);
      p = p == null ? "" : p;
      undo.add(new String[] {p, scope.put(p, u == null ? "" : u)});
    }
  }

  private void pop() {
    depth--;
    for (int keep = undoAt[depth], i = undo.size() - 1; i >= keep; i--) {
      String[] d = undo.remove(i);
      if (d[1] == null) {
        scope.remove(d[0]);
      } else {
        scope.put(d[0], d[1]);
      }
    }
    locals[depth] = null;
    qnames[depth] = null;
  }

  private void releaseRecord() {
    if (record != null) {
      record.close();
      record = null;
    }
  }

  /** Closes the parser (not the caller's stream) and releases the last record's budget. */
  @Override
  public void close() {
    done = true;
    releaseRecord();
    try {
      r.close();
    } catch (XMLStreamException ignored) {
      // nothing held that matters
    }
  }

  /** Runs {@code action} on every record; returns how many. */
  public static long forEach(
      InputStream in,
      XmlLimits limits,
      DomLimits recordLimits,
      String path,
      Consumer<? super Element> action)
      throws IOException {
    if (action == null) {
      throw new NullPointerException("action");
    }
    try (ElementRecords records = open(in, limits, recordLimits, path)) {
      for (Element e; (e = records.next()) != null; ) {
        action.accept(e);
      }
      return records.count();
    }
  }

  /**
   * A lazy stream of the records; the parser opens on the first element and closes with the stream.
   */
  public static Stream<Element> stream(
      InputStream in, XmlLimits limits, DomLimits recordLimits, String path) {
    ElementPath.parse(path); // fail fast on a bad path
    if (in == null || limits == null || recordLimits == null) {
      throw new NullPointerException(
          in == null ? "in" : limits == null ? "limits" : "recordLimits");
    }
    ElementRecords[] holder = new ElementRecords[1];
    Spliterator<Element> s =
        new Spliterators.AbstractSpliterator<Element>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super Element> action) {
            try {
              if (holder[0] == null) {
                holder[0] = open(in, limits, recordLimits, path);
              }
              Element e = holder[0].next();
              if (e == null) {
                return false;
              }
              action.accept(e);
              return true;
            } catch (IOException e) {
              throw new UncheckedIOException(e.getMessage(), e);
            }
          }
        };
    return StreamSupport.stream(s, false)
        .onClose(
            () -> {
              if (holder[0] != null) {
                holder[0].close();
              }
            });
  }
}
