package dev.bounded.json;

import java.util.ArrayList;
import java.util.List;

/** A handler that records every event, reading every value's text (or none, if skipping). */
class Recorder implements JsonHandler {
  final List<String> events = new ArrayList<>();
  private final boolean read;

  Recorder() {
    this(true);
  }

  Recorder(boolean read) {
    this.read = read;
  }

  @Override
  public Control startObject() {
    events.add("{");
    return Control.CONTINUE;
  }

  @Override
  public Control endObject() {
    events.add("}");
    return Control.CONTINUE;
  }

  @Override
  public Control startArray() {
    events.add("[");
    return Control.CONTINUE;
  }

  @Override
  public Control endArray() {
    events.add("]");
    return Control.CONTINUE;
  }

  @Override
  public Control fieldName(String name) {
    events.add("name:" + name);
    return Control.CONTINUE;
  }

  @Override
  public Control string(CharSequence value) {
    events.add(read ? "string:" + value : "string");
    return Control.CONTINUE;
  }

  @Override
  public Control number(JsonNumber value) {
    events.add(read ? "number:" + value : "number");
    return Control.CONTINUE;
  }

  @Override
  public Control bool(boolean value) {
    events.add("bool:" + value);
    return Control.CONTINUE;
  }

  @Override
  public Control nullValue() {
    events.add("null");
    return Control.CONTINUE;
  }
}
