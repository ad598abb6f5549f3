package dev.bounded.flink;

import dev.bounded.rss.FeedLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads RSS and Atom files as a Flink file format: one {@link Parsed} record per item, streaming
 * within a file (memory does not grow with the file), under {@link FeedLimits}. A file that breaks
 * a limit or is malformed yields one error record ({@link ParseError}: the file, the limit, the
 * place and how many items came before it, which are kept) instead of failing the job; {@link
 * ErrorRouter} sends it to a side output.
 *
 * <pre>{@code
 * FeedFileFormat feeds = FeedFileFormat.of(() -> FeedLimits.builder().maxBytes(FeedLimits.UNLIMITED).build());
 * FileSource<Parsed<FeedEntry>> source = FileSource.forBulkFileFormat(feeds, new Path(dir)).build();
 * DataStream<Parsed<FeedEntry>> parsed = env.fromSource(source, WatermarkStrategy.noWatermarks(), "feeds");
 * SingleOutputStreamOperator<FeedEntry> items = ErrorRouter.split(parsed);
 * DataStream<ParseError> errors = items.getSideOutput(ErrorRouter.ERRORS);
 * }</pre>
 *
 * <p><b>Use it as a {@link BulkFormat}</b> ({@code FileSource.forBulkFileFormat}): it opens each
 * file's raw bytes itself, so Flink's decompression by file extension is off, and gzip or zlib
 * input (detected by its first bytes, whatever the name) is expanded by Bounded under {@link
 * FeedLimits#decompressionLimits()}: a gzip bomb is an error record naming {@code
 * MAX_EXPANSION_RATIO}. It is also a {@link StreamFormat} for {@code
 * FileSource.forRecordStreamFormat}, but there Flink's adapter expands {@code .gz}, {@code
 * .deflate}, {@code .bz2} and {@code .xz} files itself before this format sees a byte (no ratio or
 * size limit on that side; the XML limits still hold on what comes out), and it gives a stream
 * format no file name, so error records name the source {@value #UNNAMED}.
 *
 * <p>The XML limits' {@code maxParseMillis} (default 5 minutes) counts wall-clock time from a
 * file's first read, including time the reader is held back by backpressure: raise it (or lift it)
 * for files that take longer than that to read.
 *
 * <p>Files are not split (one reader reads a file from start to end). After a failure Flink
 * restores a reader by re-reading its file and skipping the records already emitted; nothing of a
 * file is held in the checkpoint. Serializable: the job graph carries the {@link LimitsSpec}, and
 * each reader rebuilds the limits on its TaskManager.
 */
public final class FeedFileFormat
    implements BulkFormat<Parsed<FeedEntry>, FileSourceSplit>, StreamFormat<Parsed<FeedEntry>> {
  private static final long serialVersionUID = 1L;

  /** The source name of records read through the {@link StreamFormat} interface. */
  public static final String UNNAMED = "(a stream format is not told its file)";

  /**
   * Records in one batch handed to Flink, at most; a batch also ends after {@link #BATCH_BYTES}
   * bytes of feed, so a batch of maximal items stays small.
   */
  static final int BATCH_RECORDS = 1024;

  /** Bytes of (decompressed) feed read into one batch, at most (plus one item). */
  static final long BATCH_BYTES = 1 << 20;

  private final LimitsSpec<FeedLimits> spec;
  private transient FeedLimits limits;

  private FeedFileFormat(LimitsSpec<FeedLimits> spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.limits = Objects.requireNonNull(spec.build(), "spec.build()");
  }

  /** A format reading feeds under the limits {@code spec} builds (checked here, on the client). */
  public static FeedFileFormat of(LimitsSpec<FeedLimits> spec) {
    return new FeedFileFormat(spec);
  }

  /** A format reading feeds under {@link FeedLimits#defaults()}. */
  public static FeedFileFormat defaults() {
    return of(FeedLimits::defaults);
  }

  /** The limits, rebuilt from the spec once per deserialised instance (so once per task). */
  FeedLimits limits() {
    FeedLimits l = limits;
    if (l == null) {
      l = limits = Objects.requireNonNull(spec.build(), "spec.build()");
    }
    return l;
  }

  // ------------------------------------------------------------------ BulkFormat: raw bytes

  @Override
  public BulkFormat.Reader<Parsed<FeedEntry>> createReader(
      Configuration config, FileSourceSplit split) throws IOException {
    return new FileReader(open(split), 0);
  }

  @Override
  public BulkFormat.Reader<Parsed<FeedEntry>> restoreReader(
      Configuration config, FileSourceSplit split) throws IOException {
    long skip =
        split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
    FeedRecords records = open(split);
    for (long i = 0; i < skip && records.read() != null; i++) {
      // re-read what was emitted before the checkpoint
    }
    return new FileReader(records, skip);
  }

  private FeedRecords open(FileSourceSplit split) throws IOException {
    Path path = split.path();
    FSDataInputStream in = path.getFileSystem().open(path); // raw: no decompression by name
    return new FeedRecords(in, limits(), path.toString());
  }

  /** Hands a file's records to Flink in batches, with the count for checkpoints. */
  private static final class FileReader implements BulkFormat.Reader<Parsed<FeedEntry>> {
    private final FeedRecords records;
    private long emitted;

    FileReader(FeedRecords records, long emitted) {
      this.records = records;
      this.emitted = emitted;
    }

    @Override
    public RecordIterator<Parsed<FeedEntry>> readBatch() throws IOException {
      List<Parsed<FeedEntry>> batch = new ArrayList<>();
      long start = records.bytesRead();
      Parsed<FeedEntry> r;
      while (batch.size() < BATCH_RECORDS
          && records.bytesRead() - start < BATCH_BYTES
          && (r = records.read()) != null) {
        batch.add(r);
      }
      if (batch.isEmpty()) {
        return null;
      }
      IteratorResultIterator<Parsed<FeedEntry>> it =
          new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, emitted);
      emitted += batch.size();
      return it;
    }

    @Override
    public void close() throws IOException {
      records.close();
    }
  }

  // ------------------------------------------------------------------ StreamFormat

  @Override
  public StreamFormat.Reader<Parsed<FeedEntry>> createReader(
      Configuration config, FSDataInputStream stream, long fileLen, long splitEnd) {
    return new FeedRecords(stream, limits(), UNNAMED);
  }

  @Override
  public StreamFormat.Reader<Parsed<FeedEntry>> restoreReader(
      Configuration config,
      FSDataInputStream stream,
      long restoredOffset,
      long fileLen,
      long splitEnd) {
    // Never called: the readers report no offset, so Flink restores through createReader and
    // skips the records already emitted.
    return createReader(config, stream, fileLen, splitEnd);
  }

  /** False: a feed is read whole by one reader. */
  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<Parsed<FeedEntry>> getProducedType() {
    return Parsed.typeOf(TypeInformation.of(FeedEntry.class));
  }
}
