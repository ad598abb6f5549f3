package dev.bounded.bench.input;

import java.util.SplittableRandom;

/** JSON documents: an array of small objects, and a single API-style payload. */
public final class Json {
  private Json() {}

  /** A top-level array of small, realistic objects (strings, numbers, booleans, null, nesting). */
  public static final Generator ARRAY =
      new Generator() {
        @Override
        public String header() {
          return "[\n";
        }

        @Override
        public String item(long i) {
          SplittableRandom r = random(i);
          return (i == 0 ? "" : ",\n")
              + "{\"id\":"
              + i
              + ",\"name\":\""
              + words(r, 2)
              + "\""
              + ",\"email\":\"user"
              + i
              + "@example.com\""
              + ",\"active\":"
              + r.nextBoolean()
              + ",\"score\":"
              + r.nextInt(10_000) / 100.0
              + ",\"balance\":"
              + (r.nextLong(2_000_000_000L) - 1_000_000_000L)
              + ",\"manager\":null"
              + ",\"tags\":[\""
              + words(r, 1)
              + "\",\""
              + words(r, 1)
              + "\"]"
              + ",\"address\":{\"city\":\""
              + words(r, 1)
              + "\",\"zip\":\""
              + (10_000 + r.nextInt(89_999))
              + "\",\"geo\":["
              + r.nextInt(180_000) / 1000.0
              + ","
              + r.nextInt(90_000) / 1000.0
              + "]}"
              + ",\"bio\":\""
              + words(r, 5 + r.nextInt(15))
              + " \\\"quoted\\\" \\u00e9\\n\"}";
        }

        @Override
        public String footer() {
          return "\n]\n";
        }
      };

  /** A single API response of about 1 KB: the small-payload case. */
  public static String apiPayload() {
    SplittableRandom r = new SplittableRandom(Generator.SEED);
    StringBuilder sb = new StringBuilder(1200);
    sb.append("{\"status\":\"ok\",\"request_id\":\"4f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a098\",")
        .append("\"data\":{\"user\":{\"id\":1234567,\"login\":\"bounded-bot\",\"name\":\"")
        .append(Generator.words(r, 2))
        .append("\",\"verified\":true,\"created_at\":\"2025-09-01T12:34:56Z\",\"followers\":4821,")
        .append("\"ratio\":0.8125,\"roles\":[\"admin\",\"editor\",\"viewer\"]},\"items\":[");
    for (int i = 0; i < 4; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(1000 + i)
          .append(",\"title\":\"")
          .append(Generator.words(r, 6))
          .append("\",\"price\":")
          .append(r.nextInt(100_000) / 100.0)
          .append(",\"in_stock\":")
          .append(r.nextBoolean())
          .append(",\"meta\":null}");
    }
    sb.append(
            "]},\"paging\":{\"next\":\"https://api.example.com/v1/items?cursor=eyJpZCI6MTAwM30\",")
        .append("\"limit\":4,\"total\":128}}\n");
    return sb.toString();
  }
}
