package dev.bounded.flink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.json.BoundedJson;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Deserialises JSON messages (one document each, as a Kafka or Pulsar source hands them over)
 * through an {@code ObjectMapper} on {@link BoundedJson#newFactory(JsonLimits)}, into a {@link
 * JsonNode} tree or an object of a class. A message that breaks a limit, is malformed or does not
 * fit the class becomes an error record ({@link Parsed#error(ParseError)}), which {@link
 * ErrorRouter} sends to a dead-letter side output; the job keeps running, and nothing a message
 * holds can take the TaskManager's heap: every limit holds while the tree is built, and trees are
 * charged to the TaskManager's {@link TaskManagerBudget} while they are built.
 *
 * <pre>{@code
 * BoundedJsonSchema<Order> schema = BoundedJsonSchema.pojo(() -> JsonLimits.builder().maxDepth(32).build(), Order.class);
 * KafkaSource<Parsed<Order>> source = KafkaSource.<Parsed<Order>>builder()
 *     .setValueOnlyDeserializer(schema) ... .build();
 * SingleOutputStreamOperator<Order> orders = ErrorRouter.split(env.fromSource(source, ...));
 * orders.getSideOutput(ErrorRouter.ERRORS).sinkTo(deadLetters);
 * }</pre>
 *
 * <p>Trailing content after the value is refused. A null message (a tombstone) yields no record.
 *
 * @param <T> the value type
 */
public final class BoundedJsonSchema<T> implements DeserializationSchema<Parsed<T>> {
  private static final long serialVersionUID = 1L;

  private final LimitsSpec<JsonLimits> spec;
  private final Class<T> type; // null: a JsonNode tree
  private final TypeInformation<T> typeInfo;
  private transient ObjectMapper mapper;

  private BoundedJsonSchema(LimitsSpec<JsonLimits> spec, Class<T> type, TypeInformation<T> info) {
    this.spec = Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(spec.build(), "spec.build()");
    this.type = type;
    this.typeInfo = info;
  }

  /**
   * Messages as {@link JsonNode} trees. Between tasks, trees travel through Flink's generic (Kryo)
   * serializer; map them to a POJO early, or use {@link #pojo}.
   */
  public static BoundedJsonSchema<JsonNode> tree(LimitsSpec<JsonLimits> spec) {
    return new BoundedJsonSchema<>(spec, null, TypeInformation.of(JsonNode.class));
  }

  /** Messages bound to {@code type} by Jackson databind (a Flink POJO travels best). */
  public static <T> BoundedJsonSchema<T> pojo(LimitsSpec<JsonLimits> spec, Class<T> type) {
    return new BoundedJsonSchema<>(
        spec, Objects.requireNonNull(type, "type"), TypeInformation.of(type));
  }

  @Override
  public void open(InitializationContext context) {
    mapper();
    TaskManagerBudget.register(context.getMetricGroup(), TaskManagerBudget.get());
  }

  private ObjectMapper mapper() {
    ObjectMapper m = mapper;
    if (m == null) {
      JsonLimits limits = spec.build().toBuilder().parseBudget(TaskManagerBudget.get()).build();
      m = mapper = new ObjectMapper(BoundedJson.newFactory(limits));
      m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
    return m;
  }

  @Override
  public Parsed<T> deserialize(byte[] message) {
    if (message == null) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      T v = type == null ? (T) mapper().readTree(message) : mapper().readValue(message, type);
      if (v == null) {
        return Parsed.error(
            ParseError.of(
                Problems.message(message),
                Problems.cause(new IOException("the message is JSON null")),
                0));
      }
      return Parsed.value(v);
    } catch (IOException e) {
      return Parsed.error(ParseError.of(Problems.message(message), Problems.cause(e), 0));
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
