package dev.bounded.json.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.NonBlockingInputFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parser every bounded factory hands out: a {@link JsonParserDelegate} over Jackson's parser
 * (which reads through a {@link Scanner}). Counts tokens (skipped ones included: {@link
 * #skipChildren()} runs through {@link #nextToken()}), detects duplicate names when asked, refuses
 * an empty input and the features that change tokenization, and translates every failure into a
 * Jackson exception with our typed, located exception in its cause chain.
 *
 * <p>Internal: callers see it as a {@link JsonParser}. Not thread-safe, like any parser.
 */
public class BoundedJsonParser extends JsonParserDelegate {
  private final long maxTokens;
  private final boolean rejectDuplicates;
  private final NonBlockingFeeder feeder;
  private long tokens;
  private boolean sawToken;
  private boolean allowEmpty;
  private List<Set<String>> names;

  BoundedJsonParser(JsonParser d, JsonLimits limits, NonBlockingFeeder feeder) {
    super(d);
    this.maxTokens = limits.maxTokens();
    this.rejectDuplicates = limits.rejectDuplicateNames();
    this.feeder = feeder;
    for (JsonParser.Feature f : Features.REFUSED) {
      if (d.isEnabled(f)) {
        throw Features.refused(f);
      }
    }
  }

  /** For sequences: start counting tokens anew at the next value. */
  void resetTokenCount() {
    tokens = 0;
  }

  /** For sequences: an input with no value at all is not an error. */
  void allowEmpty() {
    allowEmpty = true;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t;
    try {
      t = delegate.nextToken();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
    if (t == null) {
      if (!sawToken && !allowEmpty) {
        sawToken = true; // report once
        throw Errors.toJackson(
            Errors.malformed("No JSON value: the input is empty or only whitespace", delegate));
      }
      return null;
    }
    if (t == JsonToken.NOT_AVAILABLE) {
      if (feeder != null) {
        feeder.throwPending(delegate);
      }
      return t;
    }
    sawToken = true;
    if (++tokens > maxTokens) {
      tokens = maxTokens; // stay failed at the same count
      throw Errors.toJackson(
          new LimitExceededException(
              Limit.MAX_TOKENS,
              maxTokens,
              maxTokens + 1,
              "JsonLimits.maxTokens",
              Errors.locate(delegate, delegate.currentTokenLocation(), -1)));
    }
    if (rejectDuplicates) {
      names(t);
    }
    return t;
  }

  private void names(JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      if (names == null) {
        names = new ArrayList<>();
      }
      names.add(null);
    } else if (t == JsonToken.END_OBJECT) {
      if (names != null && !names.isEmpty()) {
        names.remove(names.size() - 1);
      }
    } else if (t == JsonToken.FIELD_NAME && names != null && !names.isEmpty()) {
      int top = names.size() - 1;
      Set<String> seen = names.get(top);
      if (seen == null) {
        seen = new HashSet<>();
        names.set(top, seen);
      }
      String name = delegate.currentName();
      if (!seen.add(name)) {
        throw Errors.toJackson(
            new ForbiddenConstructException(
                "duplicate property name",
                "Duplicate property name \""
                    + Errors.sanitize(dev.bounded.core.BoundedParseException.excerpt(name, 64))
                    + "\" (refused by JsonLimits.rejectDuplicateNames)",
                Errors.locate(delegate, delegate.currentTokenLocation(), -1),
                null));
      }
    }
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken t = nextToken();
    if (t == JsonToken.FIELD_NAME) {
      t = nextToken();
    }
    return t;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken t = currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (true) {
      t = nextToken();
      if (t == null || t == JsonToken.NOT_AVAILABLE) {
        return this;
      }
      if (t.isStructStart()) {
        open++;
      } else if (t.isStructEnd() && --open == 0) {
        return this;
      }
    }
  }

  @Override
  public void finishToken() throws IOException {
    try {
      delegate.finishToken();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public String getText() throws IOException {
    try {
      return delegate.getText();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public int getText(Writer writer) throws IOException {
    try {
      return delegate.getText(writer);
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    try {
      return delegate.getTextCharacters();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public int getTextLength() throws IOException {
    try {
      return delegate.getTextLength();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public int getTextOffset() throws IOException {
    try {
      return delegate.getTextOffset();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public String getValueAsString() throws IOException {
    try {
      return delegate.getValueAsString();
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public String getValueAsString(String defaultValue) throws IOException {
    try {
      return delegate.getValueAsString(defaultValue);
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public byte[] getBinaryValue(Base64Variant b64variant) throws IOException {
    try {
      return delegate.getBinaryValue(b64variant);
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public int readBinaryValue(Base64Variant b64variant, OutputStream out) throws IOException {
    try {
      return delegate.readBinaryValue(b64variant, out);
    } catch (IOException e) {
      throw Errors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw Errors.translate(e, delegate);
    }
  }

  @Override
  public NonBlockingInputFeeder getNonBlockingInputFeeder() {
    return feeder;
  }

  @Override
  public boolean canParseAsync() {
    return feeder != null;
  }

  // Features that change tokenization would let the scanner lose track: refused.

  @Override
  public JsonParser enable(JsonParser.Feature f) {
    if (Features.isRefused(f)) {
      throw Features.refused(f);
    }
    return super.enable(f);
  }

  @Override
  public JsonParser configure(JsonParser.Feature f, boolean state) {
    if (state) {
      enable(f);
    } else {
      disable(f);
    }
    return this;
  }

  @Override
  @Deprecated
  public JsonParser setFeatureMask(int mask) {
    Features.checkMask(mask, mask);
    return super.setFeatureMask(mask);
  }

  @Override
  public JsonParser overrideStdFeatures(int values, int mask) {
    Features.checkMask(values, mask);
    return super.overrideStdFeatures(values, mask);
  }
}
