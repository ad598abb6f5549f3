package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.json.JsonLimits;
import java.io.IOException;

/**
 * What a tree built from one parser costs, for a parser that databind reads: one whose factory an
 * {@code ObjectMapper} owns (the parser has a codec). Databind offers a factory no hook of its own
 * into the trees, maps and objects it builds, but everything it builds comes from the tokens it
 * reads, so the parser counts them: every token is a node against {@link JsonLimits#maxTreeNodes()}
 * (exact, on the parser's token-limit comparison), and every {@link #EVERY} tokens the estimate so
 * far ({@link JsonLimits#ESTIMATED_BYTES_PER_TREE_NODE} per token, {@link
 * JsonLimits#ESTIMATED_BYTES_PER_CHARACTER} per character of string values) is charged to the
 * {@link JsonLimits#parseBudget()}, whose account opens at the first charge (a document of fewer
 * tokens costs no lock) and closes with the parser. Streaming parsers ({@code BoundedJson.parse},
 * {@code newParser}) have no codec and no charge. Not thread-safe: one parser.
 */
final class TreeCharge {
  /**
   * Tokens between two charges: 1,024, about 100 KB of estimate. A tree of fewer tokens (a document
   * up to about 8 KB) takes no lock at all; what a parse holds uncharged is at most that much, like
   * the unused part of the budget's own 64 KiB reservations.
   */
  static final int EVERY = 1024;

  final long maxNodes;
  private final ParseBudget budget;
  private ParseBudget.Account account;
  private long chargedTokens;

  /** Characters of string values read since the last charge. */
  private long chars;

  private TreeCharge(JsonLimits limits) {
    this.maxNodes = limits.maxTreeNodes();
    this.budget = limits.parseBudget();
  }

  /** A charge for a parser with this codec, or null for a streaming parser (no codec). */
  static TreeCharge forCodec(Object codec, JsonLimits limits) {
    return codec == null ? null : new TreeCharge(limits);
  }

  /** The token count at which the parser's slow path must run next for this charge. */
  long nextStop(long tokens) {
    return Math.min(maxNodes, tokens + EVERY);
  }

  /** At the parser's slow path, {@code tokens} read so far: the node ceiling, then the budget. */
  void charge(long tokens, JsonParser p) throws IOException {
    if (tokens > maxNodes) {
      throw JacksonErrors.toJackson(
          new LimitExceededException(
              Limit.MAX_NODES,
              maxNodes,
              tokens,
              "JsonLimits.maxTreeNodes",
              JacksonErrors.locate(p, p.currentTokenLocation(), -1)));
    }
    if (tokens - chargedTokens < EVERY) {
      return; // the parser's slow path also runs for the guard, every 64 tokens
    }
    pay(
        (tokens - chargedTokens) * JsonLimits.ESTIMATED_BYTES_PER_TREE_NODE
            + chars * JsonLimits.ESTIMATED_BYTES_PER_CHARACTER,
        p);
    chargedTokens = tokens;
    chars = 0;
  }

  /**
   * A string value of {@code len} characters was read: charged at once past {@link #TEXT_EVERY}
   * characters, so that a few long strings are charged however few tokens they take.
   */
  void text(int len, JsonParser p) throws IOException {
    chars += len;
    if (chars >= TEXT_EVERY) {
      pay(chars * JsonLimits.ESTIMATED_BYTES_PER_CHARACTER, p);
      chars = 0;
    }
  }

  /** Characters of string values charged at once: 32,768 (64 KB of estimate). */
  static final int TEXT_EVERY = 1 << 15;

  private void pay(long bytes, JsonParser p) throws IOException {
    if (account == null) {
      account = budget.open();
    }
    try {
      account.charge(bytes);
    } catch (LimitExceededException e) {
      throw JacksonErrors.toJackson(
          ParseErrors.relocate(e, JacksonErrors.locate(p, p.currentTokenLocation(), -1)));
    }
  }

  /** The parser closed: the tree is the caller's now, outside the budget. */
  void close() {
    if (account != null) {
      account.close();
      account = null;
    }
  }
}
