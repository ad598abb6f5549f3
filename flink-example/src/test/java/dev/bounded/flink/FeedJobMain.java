package dev.bounded.flink;

import dev.bounded.rss.FeedLimits;
import dev.bounded.xml.XmlLimits;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Map;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The feed job in a forked JVM (the parent gives it {@code -Xmx256m}): {@code bounded} reads the
 * directory through {@link FeedFileFormat} and routes error records to a side output; {@code dom}
 * is the same job over the JDK's DOM parser ({@link PlainDomFeedFormat}). Writes what arrived and
 * what became of the job to a result file: {@code status}, {@code restarts}, {@code items <file>
 * <count>}, {@code error <kind> <recordsBefore> <file> <message>}.
 */
public final class FeedJobMain {
  private FeedJobMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String dir = args[1];
    java.nio.file.Path out = Paths.get(args[2]);
    Cluster.Outcome o;
    try (Cluster cluster = new Cluster()) {
      StreamExecutionEnvironment env = cluster.env();
      SingleOutputStreamOperator<FeedEntry> items;
      DataStream<ParseError> errors = null;
      if (mode.equals("bounded")) {
        FeedFileFormat format =
            FeedFileFormat.of(
                () ->
                    FeedLimits.builder()
                        .maxBytes(FeedLimits.UNLIMITED)
                        .maxItems(FeedLimits.UNLIMITED)
                        .xmlLimits(
                            FeedLimits.builder()
                                .maxBytes(FeedLimits.UNLIMITED)
                                .build()
                                .xmlLimits()
                                .toBuilder()
                                .maxParseMillis(XmlLimits.UNLIMITED)
                                .build())
                        .build());
        FileSource<Parsed<FeedEntry>> source =
            FileSource.forBulkFileFormat(format, new Path(dir)).build();
        items =
            ErrorRouter.split(env.fromSource(source, WatermarkStrategy.noWatermarks(), "feeds"));
        errors = items.getSideOutput(ErrorRouter.ERRORS);
      } else {
        FileSource<FeedEntry> source =
            FileSource.forRecordStreamFormat(new PlainDomFeedFormat(), new Path(dir)).build();
        items = env.fromSource(source, WatermarkStrategy.noWatermarks(), "feeds");
      }
      items.process(new CountItems()).sinkTo(new DiscardingSink<>());
      if (errors != null) {
        errors.process(new CollectErrors()).sinkTo(new DiscardingSink<>());
      }
      o = cluster.run(env, "feeds-" + mode);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      w.println("status\t" + o.status);
      w.println("restarts\t" + o.restarts);
      w.println("millis\t" + o.millis);
      for (String f : o.failures) {
        w.println("failure\t" + f.replace('\n', ' ').replace('\t', ' '));
      }
      if (o.result != null) {
        Map<String, Long> counts = o.result.getAccumulatorResult("items");
        counts.forEach((f, n) -> w.println("items\t" + f + "\t" + n));
        ArrayList<String> errs = o.result.getAccumulatorResult("errors");
        if (errs != null) {
          errs.forEach(e -> w.println("error\t" + e));
        }
      }
    }
    System.out.println("done " + o.status + " restarts=" + o.restarts + " in " + o.millis + " ms");
    System.exit(0);
  }

  /** Counts items per file name (the last path segment). */
  static final class CountItems extends ProcessFunction<FeedEntry, Void> {
    private static final long serialVersionUID = 1L;
    private transient CountsByFile counts;

    @Override
    public void open(OpenContext context) {
      counts = new CountsByFile();
      getRuntimeContext().addAccumulator("items", counts);
    }

    @Override
    public void processElement(FeedEntry e, Context ctx, Collector<Void> out) {
      String f = e.getFile() == null ? "?" : e.getFile();
      counts.add(f.substring(f.lastIndexOf('/') + 1));
    }
  }

  /** Collects error records: kind, records before, file name, message. */
  static final class CollectErrors extends ProcessFunction<ParseError, Void> {
    private static final long serialVersionUID = 1L;
    private final String name;
    private transient ListAccumulator<String> errors;

    CollectErrors() {
      this("errors");
    }

    CollectErrors(String name) {
      this.name = name;
    }

    @Override
    public void open(OpenContext context) {
      errors = new ListAccumulator<>();
      getRuntimeContext().addAccumulator(name, errors);
    }

    @Override
    public void processElement(ParseError e, Context ctx, Collector<Void> out) {
      String f = e.getSource();
      errors.add(
          e.getKind()
              + "\t"
              + e.getRecordsBefore()
              + "\t"
              + f.substring(f.lastIndexOf('/') + 1)
              + "\t"
              + e.getMessage().replace('\n', ' ').replace('\t', ' '));
    }
  }
}
