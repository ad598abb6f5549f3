/**
 * Bounded JSON: push ({@link dev.bounded.json.BoundedJson#parse}), pull ({@link
 * dev.bounded.json.BoundedJson#newParser}) and a bounded Jackson {@code JsonFactory} ({@link
 * dev.bounded.json.BoundedJson#newFactory}), every parse under exact limits.
 */
module dev.bounded.json {
  // Our exceptions and limits appear in every signature.
  requires transitive dev.bounded.core;
  // JsonParser and JsonFactory are returned by the pull API.
  requires transitive com.fasterxml.jackson.core;

  exports dev.bounded.json;
}
