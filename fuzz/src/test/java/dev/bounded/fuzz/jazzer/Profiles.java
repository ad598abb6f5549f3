package dev.bounded.fuzz.jazzer;

import dev.bounded.json.JsonLimits;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import java.util.List;

/**
 * The limit sets every Jazzer target runs each input under: the defaults (what users get), the
 * defaults with DOCTYPEs skipped, and tight limits so that every limit's breach path is reachable
 * from small inputs. Fixed, so a finding replays from its bytes alone. All three on the BOUNDED
 * engine (the default since decision 018: named here so the targets stay on it).
 */
final class Profiles {
  private Profiles() {}

  static final List<XmlLimits> XML =
      List.of(
          XmlLimits.builder().engine(XmlEngine.BOUNDED).build(),
          XmlLimits.builder().engine(XmlEngine.BOUNDED).dtdPolicy(DtdPolicy.IGNORE).build(),
          XmlLimits.builder()
              .engine(XmlEngine.BOUNDED)
              .maxBytes(2048)
              .maxDepth(6)
              .maxElements(40)
              .maxAttributes(3)
              .maxAttributeLength(16)
              .maxTextLength(32)
              .maxNameLength(8)
              .dtdPolicy(DtdPolicy.IGNORE)
              .build());

  static final List<JsonLimits> JSON =
      List.of(
          JsonLimits.defaults(),
          JsonLimits.builder()
              .maxBytes(2048)
              .maxDepth(6)
              .maxTokens(60)
              .maxStringLength(16)
              .maxNumberLength(8)
              .maxNameLength(8)
              .build());
}
