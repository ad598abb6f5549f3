package dev.bounded.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds a databind tree from a hostile document in a small-heap JVM (see TreeTest) with the
 * one-line hardened mapper and default limits, and prints one line: {@code OK <size>}, {@code LIMIT
 * <Limit> <message>} or {@code BOUNDED <type> <message>}. Anything else (OutOfMemoryError included)
 * ends the JVM with a failure. After the attack it builds a plain small tree again and prints
 * {@code AFTER OK}: the budget was released.
 *
 * <p>Arguments: {@code <shape> <api>}; shapes {@code objects} ({@code [{},{},...]}, 15 MB, within
 * {@code maxTokens}) and {@code endless} ({@code [1,1,...} without end); apis {@code tree} ({@code
 * readTree} of a stream), {@code reader} ({@code readTree} of a Reader), {@code list} ({@code
 * readValue} to a {@code List<Object>}).
 */
public final class TreeMain {
  private TreeMain() {}

  public static void main(String[] args) throws Exception {
    String shape = args[0];
    String api = args[1];
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(JsonLimits.defaults()));
    InputStream in =
        shape.equals("objects")
            ? new Generated("[", "{},", 15L << 20, "{}]")
            : Generated.endless("[", "1,");
    try {
      Object result;
      switch (api) {
        case "tree":
          result = mapper.readTree(in).size();
          break;
        case "reader":
          result = mapper.readTree(new InputStreamReader(in, StandardCharsets.UTF_8)).size();
          break;
        default:
          result = mapper.readValue(in, new TypeReference<List<Object>>() {}).size();
          break;
      }
      System.out.println("OK " + result);
    } catch (Exception e) {
      LimitExceededException l =
          BoundedParseException.find(e, LimitExceededException.class).orElse(null);
      if (l != null) {
        System.out.println("LIMIT " + l.limit() + " " + l.getMessage());
      } else {
        BoundedParseException b = BoundedParseException.find(e).orElseThrow(() -> e);
        System.out.println("BOUNDED " + b.getClass().getSimpleName() + " " + b.getMessage());
      }
    }
    JsonNode n = mapper.readTree("{\"a\":[1,2,3]}");
    Map<?, ?> m = mapper.readValue("{\"a\":[1,2,3]}", Map.class);
    System.out.println(n.size() == 1 && m.size() == 1 ? "AFTER OK" : "AFTER WRONG");
  }
}
