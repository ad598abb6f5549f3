package dev.bounded.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.json.JsonLimits;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.RuntimeContextInitializationContextAdapters;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * A stream of JSON messages with poison pills, in a forked JVM (the parent gives it {@code
 * -Xmx256m}). Message {@code i} of {@code 1..count} is made where a connector would fetch it and
 * handed to the {@link DeserializationSchema} as a connector does ({@code open}, then {@code
 * deserialize(byte[], Collector)}); messages at {@link #PILLS} are poison pills. {@code bounded}
 * uses {@link BoundedJsonSchema}; {@code plain} a schema over a plain {@code ObjectMapper}.
 */
public final class MessageJobMain {
  /** Message number to poison pill. */
  static final long[] PILLS = {1_001, 2_002, 3_003, 4_004, 5_005, 6_006};

  /** The limit each pill breaks, in {@link #PILLS} order. */
  static final String[] PILL_KINDS = {
    "MAX_STRING_LENGTH",
    "MAX_DEPTH",
    // The TaskManager's budget (heap / 4) refuses the 10^7-node tree before JsonLimits.maxTreeNodes
    // (heap / 256 nodes) is reached: nodes are charged about 96 bytes each.
    "PARSE_BUDGET",
    "MAX_NUMBER_LENGTH",
    "MAX_NUMBER_LENGTH",
    "MALFORMED"
  };

  private MessageJobMain() {}

  static byte[] message(long i) {
    int pill = Arrays.binarySearch(PILLS, i);
    switch (pill) {
      case 0: // a 50 MB string
        return wrap("\"note\":\"", 50 << 20, 'x', "\"}");
      case 1: // 10^6 nesting
        return nest(1_000_000);
      case 2: // a 10^7-token array
        return wrap("\"body\":[", 10_000_000, null, "1]}");
      case 3: // an exponent bomb bound to BigInteger
        return "{\"id\":\"e\",\"amount\":1e1000000000}".getBytes(StandardCharsets.UTF_8);
      case 4: // a million-digit integer
        return wrap("\"amount\":", 1_000_000, '7', "}");
      case 5:
        return "{\"id\":\"m\",\"amount\":".getBytes(StandardCharsets.UTF_8);
      default:
        return ("{\"id\":\"m"
                + i
                + "\",\"amount\":"
                + i
                + ",\"note\":\"ok\",\"body\":{\"k\":["
                + (i % 10)
                + ",true,null],\"s\":\"v\"}}")
            .getBytes(StandardCharsets.UTF_8);
    }
  }

  private static byte[] wrap(String head, int n, Character fill, String tail) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(n * (fill == null ? 2 : 1) + 64);
    byte[] h = ("{\"id\":\"p\"," + head).getBytes(StandardCharsets.UTF_8);
    b.write(h, 0, h.length);
    for (int k = 0; k < n; k++) {
      if (fill == null) {
        b.write('1');
        b.write(',');
      } else {
        b.write(fill);
      }
    }
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    b.write(t, 0, t.length);
    return b.toByteArray();
  }

  private static byte[] nest(int depth) {
    byte[] head = "{\"id\":\"n\",\"body\":".getBytes(StandardCharsets.UTF_8);
    byte[] m = new byte[head.length + 2 * depth + 1];
    System.arraycopy(head, 0, m, 0, head.length);
    Arrays.fill(m, head.length, head.length + depth, (byte) '[');
    Arrays.fill(m, head.length + depth, m.length - 1, (byte) ']');
    m[m.length - 1] = '}';
    return m;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    long count = Long.parseLong(args[1]);
    java.nio.file.Path out = Paths.get(args[2]);
    Cluster.Outcome o;
    try (Cluster cluster = new Cluster()) {
      StreamExecutionEnvironment env = cluster.env();
      DeserializationSchema<Parsed<Msg>> schema =
          mode.equals("bounded")
              ? BoundedJsonSchema.pojo(JsonLimits::defaults, Msg.class)
              : new PlainSchema();
      SingleOutputStreamOperator<Msg> msgs =
          ErrorRouter.split(
              env.fromSequence(1, count)
                  .flatMap(new Connector(schema), schema.getProducedType())
                  .name("connector"));
      msgs.process(new Count("messages", "amounts")).sinkTo(new DiscardingSink<>());
      msgs.getSideOutput(ErrorRouter.ERRORS)
          .process(new FeedJobMain.CollectErrors())
          .sinkTo(new DiscardingSink<>());
      if (mode.equals("bounded")) {
        // XML messages beside them, one record per <order>, in the same job and TaskManager.
        DeserializationSchema<Parsed<Msg>> xml =
            BoundedXmlSchema.elements(
                XmlLimits::defaults,
                "/orders/order",
                MessageJobMain::order,
                TypeInformation.of(Msg.class));
        SingleOutputStreamOperator<Msg> orders =
            ErrorRouter.split(
                env.fromSequence(1, count / 4)
                    .flatMap(new Connector(xml, true), xml.getProducedType())
                    .name("xml-connector"));
        orders.process(new Count("orders", "orderAmounts")).sinkTo(new DiscardingSink<>());
        orders
            .getSideOutput(ErrorRouter.ERRORS)
            .process(new FeedJobMain.CollectErrors("xmlErrors"))
            .sinkTo(new DiscardingSink<>());
      }
      o = cluster.run(env, "messages-" + mode);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      w.println("status\t" + o.status);
      w.println("restarts\t" + o.restarts);
      w.println("millis\t" + o.millis);
      for (String f : o.failures) {
        w.println("failure\t" + f.replace('\n', ' ').replace('\t', ' '));
      }
      if (o.result != null) {
        for (String a : new String[] {"messages", "amounts", "orders", "orderAmounts"}) {
          Object v = o.result.getAccumulatorResult(a);
          if (v != null) {
            w.println("items\t" + a + "\t" + v);
          }
        }
        ArrayList<String> errs = o.result.getAccumulatorResult("errors");
        if (errs != null) {
          errs.forEach(e -> w.println("error\t" + e));
        }
        ArrayList<String> xmlErrs = o.result.getAccumulatorResult("xmlErrors");
        if (xmlErrs != null) {
          xmlErrs.forEach(e -> w.println("xmlerror\t" + e));
        }
      }
    }
    System.out.println("done " + o.status + " restarts=" + o.restarts + " in " + o.millis + " ms");
    System.exit(0);
  }

  /** An XML order as a message record. */
  static Msg order(org.w3c.dom.Element e) {
    Msg m = new Msg();
    m.id = e.getAttribute("id");
    m.amount = new java.math.BigInteger(e.getAttribute("amount"));
    return m;
  }

  /** What a source connector does with a schema: open it, then hand it each message's bytes. */
  static final class Connector extends RichFlatMapFunction<Long, Parsed<Msg>> {
    private static final long serialVersionUID = 1L;
    private final DeserializationSchema<Parsed<Msg>> schema;
    private final boolean xml;

    Connector(DeserializationSchema<Parsed<Msg>> schema) {
      this(schema, false);
    }

    Connector(DeserializationSchema<Parsed<Msg>> schema, boolean xml) {
      this.schema = schema;
      this.xml = xml;
    }

    @Override
    public void open(OpenContext context) throws Exception {
      schema.open(
          RuntimeContextInitializationContextAdapters.deserializationAdapter(getRuntimeContext()));
    }

    @Override
    public void flatMap(Long i, Collector<Parsed<Msg>> out) throws IOException {
      schema.deserialize(xml ? XmlMessages.message(i) : message(i), out);
    }
  }

  /** Counts normal records and sums their amounts (each message {@code i} has amount i). */
  static final class Count extends ProcessFunction<Msg, Void> {
    private static final long serialVersionUID = 1L;
    private final String countName;
    private final String sumName;
    private transient LongCounter messages;
    private transient LongCounter amounts;

    Count(String countName, String sumName) {
      this.countName = countName;
      this.sumName = sumName;
    }

    @Override
    public void open(OpenContext context) {
      messages = new LongCounter();
      amounts = new LongCounter();
      getRuntimeContext().addAccumulator(countName, messages);
      getRuntimeContext().addAccumulator(sumName, amounts);
    }

    @Override
    public void processElement(Msg m, Context ctx, Collector<Void> out) {
      messages.add(1);
      amounts.add(m.amount.longValueExact());
    }
  }

  /** The control: a plain ObjectMapper, whose exception fails the task, as usual. */
  static final class PlainSchema implements DeserializationSchema<Parsed<Msg>> {
    private static final long serialVersionUID = 1L;
    private transient ObjectMapper mapper;

    @Override
    public Parsed<Msg> deserialize(byte[] message) throws IOException {
      if (mapper == null) {
        mapper = new ObjectMapper();
      }
      return Parsed.value(mapper.readValue(message, Msg.class));
    }

    @Override
    public boolean isEndOfStream(Parsed<Msg> next) {
      return false;
    }

    @Override
    public TypeInformation<Parsed<Msg>> getProducedType() {
      return Parsed.typeOf(TypeInformation.of(Msg.class));
    }
  }
}
