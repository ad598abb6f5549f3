package dev.bounded.xml.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XML 1.0 fifth edition well-formedness, one construct at a time. */
class TokenizerWellFormednessTest {
  static String last(List<String> events) {
    return events.get(events.size() - 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a>]]></a>", // "]]>" in text
        "<a b='<'/>", // '<' in an attribute value
        "<a><!-- x -- y --></a>", // "--" in a comment
        "<a><!-- x ---></a>",
        "<a><?xml version='1.0'?></a>", // the declaration, not at the start
        "<a><?XmL x?></a>", // a reserved target
        " <?xml version='1.0'?><a/>", // the declaration, not at offset 0
        "<?xml version='1.0' standalone='maybe'?><a/>",
        "<?xml encoding='UTF-8' version='1.0'?><a/>", // order
        "<?xml version='2.0'?><a/>",
        "<a/><b/>", // two roots
        "<a/>text", // text after the root
        "text<a/>", // text before the root
        "<a>&#xFFFE;</a>", // a reference to a non-character
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#x110000;</a>",
        "<a>&unknown;</a>", // only the five predefined entities without a DTD
        "<a>&amp</a>",
        "<a b='1' b='2'/>", // a duplicate attribute
        "<a xmlns:p='u' xmlns:q='u' p:b='1' q:b='2'/>", // a duplicate expanded name
        "<p:a/>", // an undeclared prefix
        "<a xmlns:p=''/>", // a prefix undeclared (Namespaces 1.0)
        "<a xmlns:xml='urn:x'/>",
        "<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>",
        "<a xmlns:xmlns='urn:x'/>",
        "<a xmlns='http://www.w3.org/2000/xmlns/'/>",
        "<a:b:c xmlns:a='u'/>", // not a QName
        "<:a/>",
        "<a b='1'c='2'/>", // whitespace between attributes
        "<a b=1/>",
        "<1a/>", // a name start character
        "<a\u00d7/>", // U+00D7 is not a name character
        "<a></b>",
        "<a>",
        "<a><![CDATA[x]]</a>",
        "<!DOCTYPE a><a/>", // refused (REFUSE is the default)
        "",
        "<a>\u0001</a>", // a C0 control
        "<a>\uFFFE</a>", // U+FFFE literally (Woodstox accepts it)
        "<a>\uFFFF</a>",
      })
  void notWellFormedIsRefused(String doc) {
    List<String> events = Drive.events(doc);
    assertTrue(last(events).startsWith("!"), () -> doc + " -> " + events);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a>\u017f</a>",
        "<\u017f/>", // a fifth-edition name (Woodstox refuses it)
        "<\u0e81\u0ec7/>",
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?><a/>",
        "<?xml version = \"1.0\"   ?><a/>",
        "<?xml version='1.1'?><a>&#x1;</a>",
        "<a xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>",
        "<a xmlns=''/>",
        "<a><![CDATA[]]></a>",
        "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;</a>",
        "<a>]]</a>",
        "<a>] ]></a>",
        "<a><!----></a>",
        "<a><?pi?></a>",
        "\uFEFF<a/>",
        "<a/>\n<!-- c --><?p d?>  ",
      })
  void wellFormedIsAccepted(String doc) {
    List<String> events = Drive.events(doc);
    assertEquals("ED", last(events), () -> doc + " -> " + events);
  }
}
