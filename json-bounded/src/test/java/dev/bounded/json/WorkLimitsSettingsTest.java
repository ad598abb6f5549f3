package dev.bounded.json;

import dev.bounded.core.Limit;
import dev.bounded.testkit.WorkLimitsContract;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/** The deadline and allocation-cap settings of JsonLimits, in the shape XmlLimits shares. */
class WorkLimitsSettingsTest extends WorkLimitsContract<JsonLimits> {
  @Override
  protected String settingsClass() {
    return "JsonLimits";
  }

  @Override
  protected JsonLimits defaults() {
    return JsonLimits.defaults();
  }

  @Override
  protected JsonLimits built(long millis, long bytes) {
    return JsonLimits.builder().maxParseMillis(millis).maxAllocatedBytes(bytes).build();
  }

  @Override
  protected JsonLimits rebuilt(JsonLimits l, UnaryOperator<Settings> change) {
    Settings s = change.apply(new Settings(l.maxParseMillis(), l.maxAllocatedBytes()));
    return l.toBuilder()
        .maxParseMillis(s.maxParseMillis())
        .maxAllocatedBytes(s.maxAllocatedBytes())
        .build();
  }

  @Override
  protected JsonLimits liftedByUnlimited() {
    return JsonLimits.builder().maxParseMillis(5).maxAllocatedBytes(5).unlimited().build();
  }

  @Override
  protected ToLongFunction<JsonLimits> maxParseMillis() {
    return JsonLimits::maxParseMillis;
  }

  @Override
  protected ToLongFunction<JsonLimits> maxAllocatedBytes() {
    return JsonLimits::maxAllocatedBytes;
  }

  @Override
  protected long maximum(JsonLimits l, Limit limit) {
    return l.maximum(limit);
  }

  @Override
  protected void builderMaxParseMillis(long v) {
    JsonLimits.builder().maxParseMillis(v);
  }

  @Override
  protected void builderMaxAllocatedBytes(long v) {
    JsonLimits.builder().maxAllocatedBytes(v);
  }
}
