package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A predefined entity's name is a name: {@code maxNameLength} holds for {@code &lt;} (2) to {@code
 * &quot;} (4), in text and in attribute values, on both engines, exactly at N and N-1, located at
 * the first character over the limit. Our tokenizer recognised the five names on a fast path that
 * skipped the check (found by {@code XmlExactnessProperties} once it ran on the BOUNDED default:
 * {@code <a>&lt;</a>} passed {@code maxNameLength(1)}).
 */
class EntityNameLimitTest {
  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (XmlEngine engine : XmlEngine.values()) {
      for (String name : new String[] {"lt", "gt", "amp", "apos", "quot"}) {
        out.add(Arguments.of(engine, name, "<a>x&" + name + ";</a>", 5));
        out.add(Arguments.of(engine, name, "<a b='&" + name + ";'/>", 7));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("cases")
  void maxNameLengthHoldsForPredefinedEntityNames(
      XmlEngine engine, String name, String doc, int nameByte) throws Exception {
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    int n = name.length();
    BoundedXml.parse(
        new ByteArrayInputStream(b),
        XmlLimits.builder().engine(engine).maxNameLength(n).build(),
        new XmlHandler() {});
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedXml.parse(
                    new ByteArrayInputStream(b),
                    XmlLimits.builder().engine(engine).maxNameLength(n - 1).build(),
                    new XmlHandler() {}));
    assertEquals(Limit.MAX_NAME_LENGTH, e.limit());
    assertEquals(n - 1, e.maximum());
    assertEquals(nameByte + n - 1, e.byteOffset(), e.getMessage()); // the first character over
  }
}
