package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.testkit.SubscriberContract;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link JsonSubscriber} against a hand-driven subscription ({@link SubscriberContract}): demand
 * one item at a time, the result, cancellation on a failure or a STOP, the Flow rules, and the
 * deadline timer failing a stalled source with no thread waiting on it.
 */
class SubscriberTest extends SubscriberContract<JsonSubscriber> {
  private Recorder recorder;

  @Override
  protected JsonSubscriber plain() {
    recorder = new Recorder();
    return BoundedJson.subscriber(JsonLimits.defaults(), recorder);
  }

  @Override
  protected JsonSubscriber maxDepth2() {
    return BoundedJson.subscriber(JsonLimits.builder().maxDepth(2).build(), new Recorder());
  }

  @Override
  protected JsonSubscriber deadline(long millis) {
    return BoundedJson.subscriber(
        JsonLimits.builder().maxParseMillis(millis).build(), new Recorder());
  }

  @Override
  protected JsonSubscriber stopper() {
    return BoundedJson.subscriber(
        JsonLimits.defaults(),
        new JsonHandler() {
          @Override
          public Control number(JsonNumber value) {
            return Control.STOP;
          }
        });
  }

  @Override
  protected JsonSubscriber thrower(IOException boom) {
    return BoundedJson.subscriber(
        JsonLimits.defaults(),
        new JsonHandler() {
          @Override
          public Control startArray() throws IOException {
            throw boom;
          }
        });
  }

  @Override
  protected CompletableFuture<?> result(JsonSubscriber s) {
    return s.result();
  }

  @Override
  protected String[][] wellFormed() {
    return new String[][] {{"[1,", "{\"a\""}, {":true}", ",\"x\"]"}};
  }

  @Override
  protected void checkParsed(Object result) {
    // what BoundedJson.parse returns for the same bytes
    assertEquals(
        "JsonStats{bytes=18, tokens=8, values=1, maxDepth=2, complete=true}",
        String.valueOf(result));
    assertEquals(
        List.of("[", "number:1", "{", "name:a", "bool:true", "}", "string:x", "]"),
        recorder.events);
  }

  @Override
  protected String malformed() {
    return "[1,]";
  }

  @Override
  protected String[] threeDeep() {
    return new String[] {"[[", "["};
  }

  @Override
  protected String incomplete() {
    return "{\"a\":";
  }

  @Override
  protected String[] stopping() {
    return new String[] {"[\"a\",1,", "not json at all"};
  }

  @Override
  protected String[] firstElement() {
    return new String[] {"["};
  }

  @Override
  protected String[] openAndUnit() {
    return new String[] {"[", "1,"};
  }
}
