package dev.bounded.xml.budget;

import dev.bounded.testkit.WorkLimitsContract;
import dev.bounded.xml.XmlLimits;

/** The deadline and allocation-cap settings of XmlLimits, in the shape JsonLimits shares. */
class WorkLimitsSettingsTest extends WorkLimitsContract<XmlLimits> {
  WorkLimitsSettingsTest() {
    super(XmlLimits.class);
  }
}
