package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The per-token checks' cold parts, shared by both bounded parsers: the exceptions of a breach, the
 * guard's check, duplicate names. The hot parts (counting, comparing lengths) stay in each parser's
 * own {@code nextToken()}.
 */
final class TokenChecks {
  /**
   * Tokens between two checks of the parse's deadline and allocation cap: a clock read costs about
   * as much as parsing a token or two, so checking every 64 keeps the cost near 1%. Every read from
   * a source that may block checks too ({@link #readGuard}), so a trickling source is caught
   * between tokens. The deadline is noticed at most 64 tokens, or one read, after it passes
   * (decision 020).
   */
  static final int GUARD_EVERY = 64;

  private TokenChecks() {}

  /**
   * The guard of a parse, its clock started by its first check: the first read from the source, or
   * the first token ({@link #firstStop}) of an in-memory document; null when it checks nothing.
   */
  static ParseGuard startGuard(JsonLimits limits) {
    ParseGuard g =
        ParseGuard.startAtFirstRead(
            limits.maxParseMillis(), limits.maxAllocatedBytes(), "JsonLimits");
    return g == ParseGuard.NONE ? null : g;
  }

  /**
   * The guard the reads from {@code in} check: {@code guard}, or null for a source whose reads
   * cannot block ({@link ParseGuard#cannotBlock}), whose parse is then checked on the token
   * interval alone, from its first token, as a {@code byte[]} is. That saves one or two clock reads
   * a parse (about 25 ns each, 1-2% of a 1 KB parse; decision 026). Its reads are still counted for
   * {@code maxBytes}.
   */
  static ParseGuard readGuard(java.io.InputStream in, ParseGuard guard) {
    return ParseGuard.cannotBlock(in) ? null : guard;
  }

  /**
   * The token count at which the first slow check runs: the first token when there is a guard whose
   * clock no read has started (an in-memory document, a {@code Reader} not read yet), so that the
   * clock starts there; else the first regular check. A parser over a byte stream whose reads are
   * checked ({@code sourceRead}: not one from {@link #readGuard}'s memory) has read it while it was
   * created (encoding detection), which started the clock: its first token needs no clock read of
   * its own (about 30 ns, 1.5% of a 1 KB parse).
   */
  static long firstStop(long maxTokens, ParseGuard guard, boolean sourceRead) {
    return guard != null && !sourceRead ? 0 : nextStop(0, maxTokens, guard);
  }

  /**
   * The token count at which the next slow check runs: the token limit, or the next guard check if
   * that comes first.
   */
  static long nextStop(long tokens, long maxTokens, ParseGuard guard) {
    return guard == null ? maxTokens : Math.min(maxTokens, tokens + GUARD_EVERY);
  }

  /** Checks the guard now; a breach located where the parser stands. */
  static void guard(ParseGuard guard, JsonParser p) throws IOException {
    if (guard == null) {
      return;
    }
    try {
      guard.check();
    } catch (LimitExceededException e) {
      throw JacksonErrors.translate(e, p);
    }
  }

  static IOException tooManyTokens(long max, JsonParser p) {
    return JacksonErrors.toJackson(
        new LimitExceededException(
            Limit.MAX_TOKENS,
            max,
            max + 1,
            "JsonLimits.maxTokens",
            JacksonErrors.locate(p, p.currentTokenLocation(), -1)));
  }

  /** Where a breach on the current token is reported: at the token's start. */
  static ParseLocation here(JsonParser p) {
    return JacksonErrors.locate(p, p.currentTokenLocation(), -1);
  }

  static IOException loneSurrogate(JsonParser p) {
    return JacksonErrors.toJackson(
        new ForbiddenConstructException(
            "lone surrogate",
            "Lone surrogate in a "
                + (p.currentToken() == JsonToken.FIELD_NAME ? "property name" : "string")
                + " (refused by JsonLimits.rejectLoneSurrogates)",
            JacksonErrors.locate(p, p.currentTokenLocation(), -1),
            null));
  }

  static IOException empty(JsonParser p) {
    return JacksonErrors.toJackson(
        JacksonErrors.malformed("No JSON value: the input is empty or only whitespace", p));
  }

  /**
   * The names seen in each open object, for {@code rejectDuplicateNames}: one tracker for every
   * parser (Jackson's, through {@link #track}; our tokenizer, through {@link #open}, {@link #close}
   * and {@link #isNew}).
   */
  static final class DuplicateNames {
    private final List<Set<String>> names = new ArrayList<>();

    void track(JsonToken t, JsonParser p) throws IOException {
      if (t == JsonToken.START_OBJECT) {
        open();
      } else if (t == JsonToken.END_OBJECT) {
        close();
      } else if (t == JsonToken.FIELD_NAME && !names.isEmpty()) {
        String name = p.currentName();
        if (!isNew(name)) {
          throw JacksonErrors.toJackson(
              duplicate(name, JacksonErrors.locate(p, p.currentTokenLocation(), -1)));
        }
      }
    }

    /** An object opens. */
    void open() {
      names.add(null);
    }

    /** The innermost object closes. */
    void close() {
      if (!names.isEmpty()) {
        names.remove(names.size() - 1);
      }
    }

    /** False if the innermost object already has a property {@code name}; notes it either way. */
    boolean isNew(String name) {
      int top = names.size() - 1;
      Set<String> seen = names.get(top);
      if (seen == null) {
        seen = new HashSet<>();
        names.set(top, seen);
      }
      return seen.add(name);
    }

    static ForbiddenConstructException duplicate(String name, ParseLocation at) {
      return new ForbiddenConstructException(
          "duplicate property name",
          "Duplicate property name \""
              + JacksonErrors.sanitize(ParseErrors.excerpt(name, 64))
              + "\" (refused by JsonLimits.rejectDuplicateNames)",
          at,
          null);
    }
  }
}
