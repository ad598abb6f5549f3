package dev.bounded.xml.budget;

import dev.bounded.core.Limit;
import dev.bounded.testkit.WorkLimitsContract;
import dev.bounded.xml.XmlLimits;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/** The deadline and allocation-cap settings of XmlLimits, in the shape JsonLimits shares. */
class WorkLimitsSettingsTest extends WorkLimitsContract<XmlLimits> {
  @Override
  protected String settingsClass() {
    return "XmlLimits";
  }

  @Override
  protected XmlLimits defaults() {
    return XmlLimits.defaults();
  }

  @Override
  protected XmlLimits built(long millis, long bytes) {
    return XmlLimits.builder().maxParseMillis(millis).maxAllocatedBytes(bytes).build();
  }

  @Override
  protected XmlLimits rebuilt(XmlLimits l, UnaryOperator<Settings> change) {
    Settings s = change.apply(new Settings(l.maxParseMillis(), l.maxAllocatedBytes()));
    return l.toBuilder()
        .maxParseMillis(s.maxParseMillis())
        .maxAllocatedBytes(s.maxAllocatedBytes())
        .build();
  }

  @Override
  protected XmlLimits liftedByUnlimited() {
    return XmlLimits.builder().maxParseMillis(5).maxAllocatedBytes(5).unlimited().build();
  }

  @Override
  protected ToLongFunction<XmlLimits> maxParseMillis() {
    return XmlLimits::maxParseMillis;
  }

  @Override
  protected ToLongFunction<XmlLimits> maxAllocatedBytes() {
    return XmlLimits::maxAllocatedBytes;
  }

  @Override
  protected long maximum(XmlLimits l, Limit limit) {
    return l.maximum(limit);
  }

  @Override
  protected void builderMaxParseMillis(long v) {
    XmlLimits.builder().maxParseMillis(v);
  }

  @Override
  protected void builderMaxAllocatedBytes(long v) {
    XmlLimits.builder().maxAllocatedBytes(v);
  }
}
