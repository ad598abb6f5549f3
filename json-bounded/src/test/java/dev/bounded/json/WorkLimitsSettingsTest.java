package dev.bounded.json;

import dev.bounded.testkit.WorkLimitsContract;

/** The deadline and allocation-cap settings of JsonLimits, in the shape XmlLimits shares. */
class WorkLimitsSettingsTest extends WorkLimitsContract<JsonLimits> {
  WorkLimitsSettingsTest() {
    super(JsonLimits.class);
  }
}
