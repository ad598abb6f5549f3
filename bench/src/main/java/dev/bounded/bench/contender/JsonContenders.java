package dev.bounded.bench.contender;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.bench.contender.Contender.Role;
import dev.bounded.bench.input.Doc.Format;
import dev.bounded.json.BoundedJson;
import dev.bounded.json.JsonHandler;
import dev.bounded.json.JsonLimits;
import dev.bounded.json.JsonNumber;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON contenders. Factories and mappers are made once; parsers per document. Ours (from {@code
 * json-bounded}) take {@link #RAW} as the baseline of their streaming APIs and {@link #TREE} as the
 * baseline of {@code readTree} on {@code BoundedJson.newFactory()}; {@link #drain} and {@link
 * #walk} are the loops they reuse so the work stays the same.
 */
public final class JsonContenders {
  private JsonContenders() {}

  /** The raw parser every JSON streaming ratio is taken against. */
  public static final String RAW = "jackson-raw";

  /** {@code ObjectMapper.readTree} on a default factory: the baseline of tree reading. */
  public static final String TREE = "jackson-tree";

  /**
   * The limits our contenders run under: the defaults (every check active) with the byte and token
   * counts raised so the 100 MB inputs fit.
   */
  public static final JsonLimits LIMITS =
      JsonLimits.defaults().toBuilder().maxBytes(1L << 30).maxTokens(1_000_000_000L).build();

  private static final class Factory {
    static final JsonFactory F = new JsonFactory();
  }

  private static final class Mapper {
    static final ObjectMapper M = new ObjectMapper();
  }

  private static final class BoundedMapper {
    static final ObjectMapper M = new ObjectMapper(BoundedJson.newFactory(LIMITS));
  }

  static List<Contender> all() {
    return List.of(
        new Simple(
            RAW,
            Format.JSON,
            Role.RAW,
            RAW,
            true,
            d -> true,
            "Jackson 2 JsonParser from a default JsonFactory; the loop reads every name and"
                + " string through getTextCharacters and counts every scalar",
            (in, t) -> {
              try (JsonParser p = Factory.F.createParser(in)) {
                drain(p, t);
              }
            }),
        new Simple(
            TREE,
            Format.JSON,
            Role.REFERENCE,
            RAW,
            false,
            d -> true,
            "new ObjectMapper().readTree(in) (default factory), then a walk of the whole tree",
            (in, t) -> walk(Mapper.M.readTree(in), t)),
        new Simple(
            "bounded-json-push",
            Format.JSON,
            Role.BOUNDED,
            RAW,
            true,
            d -> true,
            "BoundedJson.parse(InputStream, limits, handler); the handler reads every name and"
                + " string (as a CharSequence) and counts every scalar, like the raw loop",
            (in, t) -> BoundedJson.parse(in, LIMITS, new TallyHandler(t))),
        new Simple(
            "bounded-json-pull",
            Format.JSON,
            Role.BOUNDED,
            RAW,
            true,
            d -> true,
            "BoundedJson.newParser(InputStream, limits) with the same token loop as jackson-raw",
            (in, t) -> {
              try (JsonParser p = BoundedJson.newParser(in, LIMITS)) {
                drain(p, t);
              }
            }),
        new Simple(
            "bounded-json-tree",
            Format.JSON,
            Role.BOUNDED,
            TREE,
            false,
            d -> true,
            "new ObjectMapper(BoundedJson.newFactory(limits)).readTree(in) (mapper made once), then"
                + " the same walk as jackson-tree",
            (in, t) -> walk(BoundedMapper.M.readTree(in), t)));
  }

  /** The streaming loop: every token; names and strings read as characters. */
  public static void drain(JsonParser p, Tally t) throws IOException {
    JsonToken tok;
    while ((tok = p.nextToken()) != null) {
      switch (tok) {
        case FIELD_NAME:
          t.attribute(p.currentName());
          break;
        case VALUE_STRING:
          t.text(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          break;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
        case VALUE_TRUE:
        case VALUE_FALSE:
        case VALUE_NULL:
          t.scalar();
          break;
        case START_OBJECT:
        case START_ARRAY:
          t.element("");
          break;
        default:
          break;
      }
    }
  }

  /** Our push handler: the same reads as {@link #drain}. */
  static final class TallyHandler implements JsonHandler {
    private final Tally t;

    TallyHandler(Tally t) {
      this.t = t;
    }

    @Override
    public Control startObject() {
      t.element("");
      return Control.CONTINUE;
    }

    @Override
    public Control startArray() {
      t.element("");
      return Control.CONTINUE;
    }

    @Override
    public Control fieldName(String name) {
      t.attribute(name);
      return Control.CONTINUE;
    }

    @Override
    public Control string(CharSequence value) {
      t.text(value);
      return Control.CONTINUE;
    }

    @Override
    public Control number(JsonNumber value) {
      t.scalar();
      return Control.CONTINUE;
    }

    @Override
    public Control bool(boolean value) {
      t.scalar();
      return Control.CONTINUE;
    }

    @Override
    public Control nullValue() {
      t.scalar();
      return Control.CONTINUE;
    }
  }

  /** The tree walk: the same reads as {@link #drain}. */
  public static void walk(JsonNode root, Tally t) {
    ArrayDeque<JsonNode> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      JsonNode n = stack.pop();
      if (n.isObject()) {
        t.element("");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          t.attribute(e.getKey());
          stack.push(e.getValue());
        }
      } else if (n.isArray()) {
        t.element("");
        for (JsonNode c : n) {
          stack.push(c);
        }
      } else if (n.isTextual()) {
        t.text(n.textValue());
      } else {
        t.scalar();
      }
    }
  }
}
