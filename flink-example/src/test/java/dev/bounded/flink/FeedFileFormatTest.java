package dev.bounded.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.rss.FeedLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The file format outside a cluster, through the same calls Flink's file source makes. */
class FeedFileFormatTest {
  static final java.nio.file.Path DIR = java.nio.file.Path.of("target", "feed-format-test");

  static FileSourceSplit split(java.nio.file.Path file) throws IOException {
    long len = Files.size(file);
    return new FileSourceSplit("0", new Path(file.toUri()), 0, len, 0, len);
  }

  static java.nio.file.Path write(String name, String feed, boolean gzip) throws IOException {
    Files.createDirectories(DIR);
    java.nio.file.Path f = DIR.resolve(name);
    try (OutputStream o =
        gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
      o.write(feed.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  static List<Parsed<FeedEntry>> readAll(BulkFormat.Reader<Parsed<FeedEntry>> r)
      throws IOException {
    List<Parsed<FeedEntry>> out = new ArrayList<>();
    for (BulkFormat.RecordIterator<Parsed<FeedEntry>> b; (b = r.readBatch()) != null; ) {
      for (RecordAndPosition<Parsed<FeedEntry>> p; (p = b.next()) != null; ) {
        out.add(p.getRecord());
      }
      b.releaseBatch();
    }
    r.close();
    return out;
  }

  @Test
  void compressionIsJudgedByTheBytesNotTheNameSoFlinksDecompressionByExtensionIsOff()
      throws Exception {
    FeedFileFormat format = InstantiationUtil.clone(FeedFileFormat.defaults());
    String feed = FeedCorpus.items(3) + FeedCorpus.FOOTER;
    // Plain bytes under a .gz name: read as they are (Flink's adapter would try to gunzip them).
    java.nio.file.Path plain = write("plain.xml.gz", feed, false);
    assertEquals(3, readAll(format.createReader(new Configuration(), split(plain))).size());
    assertThrows(
        IOException.class,
        () ->
            readAll(
                new StreamFormatAdapter<>(format).createReader(new Configuration(), split(plain))),
        "Flink's own adapter decompresses by name");
    // gzip bytes under an .xml name: expanded by Bounded, under its limits.
    java.nio.file.Path gz = write("gzip.xml", feed, true);
    List<Parsed<FeedEntry>> items = readAll(format.createReader(new Configuration(), split(gz)));
    assertEquals(3, items.size());
    assertEquals("item 3", items.get(2).getValue().getTitle());
    assertEquals(3, items.get(2).getValue().getIndex());
    assertTrue(items.get(2).getValue().getFile().endsWith("gzip.xml"));
  }

  @Test
  void itemsBeforeABreakAreKeptAndFollowedByOneErrorRecordThatCountsThem() throws Exception {
    FeedFileFormat format = FeedFileFormat.of(() -> FeedLimits.builder().maxItems(4).build());
    java.nio.file.Path f = write("five.xml", FeedCorpus.items(5) + FeedCorpus.FOOTER, false);
    List<Parsed<FeedEntry>> out = readAll(format.createReader(new Configuration(), split(f)));
    assertEquals(5, out.size());
    ParseError e = out.get(4).getError();
    assertEquals("MAX_ELEMENTS", e.getKind());
    assertEquals("FeedLimits.maxItems", e.getSetting());
    assertEquals(4, e.getMaximum());
    assertEquals(4, e.getRecordsBefore());
    assertTrue(e.getSource().endsWith("five.xml"), e.getSource());
    java.nio.file.Path four = write("four.xml", FeedCorpus.items(4) + FeedCorpus.FOOTER, false);
    assertEquals(4, readAll(format.createReader(new Configuration(), split(four))).size());
  }

  @Test
  void aRestoredReaderSkipsTheRecordsAlreadyEmitted() throws Exception {
    java.nio.file.Path f = write("restore.xml", FeedCorpus.items(5) + FeedCorpus.FOOTER, false);
    FileSourceSplit s =
        split(f)
            .updateWithCheckpointedPosition(
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2));
    List<Parsed<FeedEntry>> out =
        readAll(FeedFileFormat.defaults().restoreReader(new Configuration(), s));
    assertEquals(3, out.size());
    assertEquals(3, out.get(0).getValue().getIndex());
  }

  @Test
  void theStreamFormatReadsTheSameItemsWithoutAFileName() throws Exception {
    java.nio.file.Path f =
        write("stream.xml", FeedCorpus.items(2) + "<item>" + FeedCorpus.FOOTER, false);
    List<Parsed<FeedEntry>> out =
        readAll(
            new StreamFormatAdapter<>(FeedFileFormat.defaults())
                .createReader(new Configuration(), split(f)));
    assertEquals(3, out.size());
    assertEquals(FeedFileFormat.UNNAMED, out.get(2).getError().getSource());
    assertEquals(ParseError.MALFORMED, out.get(2).getError().getKind());
    assertEquals(2, out.get(2).getError().getRecordsBefore());
  }

  @Test
  void aFinishedReaderReturnsNoMoreBatches() throws Exception {
    java.nio.file.Path f = write("one.xml", FeedCorpus.items(1) + FeedCorpus.FOOTER, false);
    BulkFormat.Reader<Parsed<FeedEntry>> r =
        FeedFileFormat.defaults().createReader(new Configuration(), split(f));
    BulkFormat.RecordIterator<Parsed<FeedEntry>> b = r.readBatch();
    assertEquals(1, b.next().getRecord().getValue().getIndex());
    assertNull(b.next());
    assertNull(r.readBatch());
    r.close();
  }
}
