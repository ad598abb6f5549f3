package dev.bounded.flink;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The control: the feed job as it is usually written, the JDK's DOM parser over each whole file,
 * through {@code FileSource.forRecordStreamFormat} (Flink expands {@code .gz} by name). A parse
 * failure fails the task, as it does in such a job.
 */
final class PlainDomFeedFormat extends SimpleStreamFormat<FeedEntry> {
  private static final long serialVersionUID = 1L;

  @Override
  public Reader<FeedEntry> createReader(Configuration config, FSDataInputStream stream)
      throws IOException {
    Deque<FeedEntry> entries = new ArrayDeque<>();
    try {
      Document d = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(stream);
      NodeList items = d.getElementsByTagName("item");
      for (int i = 0; i < items.getLength(); i++) {
        Element e = (Element) items.item(i);
        FeedEntry f = new FeedEntry();
        f.setIndex(i + 1);
        NodeList t = e.getElementsByTagName("title");
        f.setTitle(t.getLength() > 0 ? t.item(0).getTextContent() : null);
        entries.add(f);
      }
    } catch (Exception e) {
      throw new IOException("feed parse failed", e);
    }
    return new Reader<>() {
      @Override
      public FeedEntry read() {
        return entries.poll();
      }

      @Override
      public void close() {
        entries.clear();
      }
    };
  }

  @Override
  public TypeInformation<FeedEntry> getProducedType() {
    return TypeInformation.of(FeedEntry.class);
  }
}
