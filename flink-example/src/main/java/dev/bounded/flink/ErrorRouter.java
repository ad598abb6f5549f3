package dev.bounded.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends the values of a {@link Parsed} stream on and its error records to the side output {@link
 * #ERRORS} (a dead-letter stream), counting them in the operator metric {@code boundedParseErrors}.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<FeedEntry> items = ErrorRouter.split(parsed);
 * items.getSideOutput(ErrorRouter.ERRORS).sinkTo(deadLetters);
 * }</pre>
 *
 * @param <T> the value type
 */
public final class ErrorRouter<T> extends ProcessFunction<Parsed<T>, T> {
  private static final long serialVersionUID = 1L;

  /** The side output of error records. */
  public static final OutputTag<ParseError> ERRORS =
      new OutputTag<>("bounded-parse-errors", TypeInformation.of(ParseError.class));

  private transient Counter errors;

  /**
   * Splits {@code parsed}: the values are the result, the errors its {@link #ERRORS} side output.
   */
  public static <T> SingleOutputStreamOperator<T> split(DataStream<Parsed<T>> parsed) {
    @SuppressWarnings("unchecked")
    TypeInformation<T> valueType =
        (TypeInformation<T>) ((PojoTypeInfo<Parsed<T>>) parsed.getType()).getTypeAt("value");
    return parsed.process(new ErrorRouter<T>(), valueType).name("bounded-error-router");
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    errors = getRuntimeContext().getMetricGroup().counter("boundedParseErrors");
  }

  @Override
  public void processElement(Parsed<T> in, Context ctx, Collector<T> out) {
    if (in.isError()) {
      errors.inc();
      ctx.output(ERRORS, in.getError());
    } else {
      out.collect(in.getValue());
    }
  }
}
