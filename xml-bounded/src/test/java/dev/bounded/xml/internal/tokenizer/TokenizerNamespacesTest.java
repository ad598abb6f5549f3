package dev.bounded.xml.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Namespaces 1.0: scopes, defaults, attributes, the xml prefix. */
class TokenizerNamespacesTest {
  @Test
  void scopesNestAndEnd() {
    assertEquals(
        List.of(
            "SD:null|null|-1",
            "S:{u}a ns(=u) ns(p=v) {v}x=1 y=2",
            "S:{w}b ns(p=w)",
            "E:{w}b",
            "S:c ns(=)",
            "E:c",
            "S:{v}d",
            "E:{v}d",
            "E:{u}a",
            "ED"),
        Drive.events(
            "<a xmlns='u' xmlns:p='v' p:x='1' y='2'><p:b xmlns:p='w'></p:b><c xmlns=''/><p:d/></a>"));
  }

  @Test
  void theXmlPrefixIsAlwaysBoundAndItsDeclarationIsNotReported() {
    assertEquals(
        List.of(
            "SD:null|null|-1", "S:a {http://www.w3.org/XML/1998/namespace}lang=en", "E:a", "ED"),
        Drive.events("<a xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>"));
  }

  /** The default namespace is looked up once per change of the bindings: each change is seen. */
  @Test
  void theDefaultNamespaceFollowsEveryBindingAndItsEnd() {
    assertEquals(
        List.of(
            "SD:null|null|-1",
            "S:{u}a ns(=u)",
            "S:{v}b ns(=v)",
            "S:{v}c",
            "E:{v}c",
            "E:{v}b",
            "S:{u}d",
            "E:{u}d",
            "S:e ns(=)",
            "S:f",
            "E:f",
            "E:e",
            "S:{u}g ns(p=w)",
            "S:{u}h",
            "E:{u}h",
            "E:{u}g",
            "E:{u}a",
            "ED"),
        Drive.events(
            "<a xmlns='u'><b xmlns='v'><c/></b><d/><e xmlns=''><f/></e>"
                + "<g xmlns:p='w'><h/></g></a>"));
  }
}
