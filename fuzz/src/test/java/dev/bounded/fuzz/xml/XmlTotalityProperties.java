package dev.bounded.fuzz.xml;

import dev.bounded.fuzz.ByteMutators;
import dev.bounded.fuzz.Corpora;
import dev.bounded.fuzz.DecoderMutators;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Totality: any byte array either parses or fails with our BoundedParseException (pull: an
 * XMLStreamException caused by ours; a failed reader keeps failing the same way), under default,
 * tiny and DTD-ignoring limits. Inputs: mutated generated documents, mutated corpus files, raw
 * random bytes.
 */
class XmlTotalityProperties {
  private static List<byte[]> seeds;

  static synchronized List<byte[]> corpusSeeds() {
    if (seeds == null) {
      seeds =
          Corpora.filesIfPresent("xml-attacks").stream()
              .filter(p -> !p.toString().endsWith(".md"))
              .map(Corpora::read)
              .filter(b -> b.length < 64 * 1024)
              .collect(Collectors.toList());
      List<Path> feeds = Corpora.filesIfPresent("feeds");
      for (int i = 0; i < feeds.size(); i += 7) {
        byte[] b = Corpora.read(feeds.get(i));
        if (b.length < 64 * 1024) {
          seeds.add(b);
        }
      }
    }
    return seeds;
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return anyXmlBytes();
  }

  /**
   * Mutated generated documents (by {@link ByteMutators} and, at the scanner/decoder boundary, by
   * {@link DecoderMutators}), mutated and plain corpus files, random bytes, markup soup.
   */
  static Arbitrary<byte[]> anyXmlBytes() {
    Arbitrary<byte[]> generated =
        XmlArbitraries.documents(XmlArbitraries.NameChars.FIFTH_EDITION).map(XmlDoc::bytes);
    // Without the corpora (outside this environment, announced once) generated documents stand in.
    Arbitrary<byte[]> corpus = corpusSeeds().isEmpty() ? generated : Arbitraries.of(corpusSeeds());
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> markupish =
        Arbitraries.of(
                "<",
                ">",
                "a",
                "/",
                "!",
                "?",
                "-",
                "[",
                "]",
                "&",
                ";",
                "#",
                "x",
                "'",
                "\"",
                "=",
                " ",
                ":",
                "\r",
                "\n",
                "<![CDATA[",
                "<!DOCTYPE",
                "<?xml ")
            .list()
            .ofMaxSize(60)
            .map(l -> String.join("", l).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Arbitrary<byte[]> boundary =
        Combinators.combine(generated, DecoderMutators.mutations()).as(DecoderMutators::apply);
    return Arbitraries.frequencyOf(
        Tuple.of(6, ByteMutators.mutated(generated)),
        Tuple.of(2, boundary),
        Tuple.of(3, ByteMutators.mutated(corpus)),
        Tuple.of(1, corpus),
        Tuple.of(1, random),
        Tuple.of(2, markupish));
  }

  @Provide
  Arbitrary<XmlLimits> limits() {
    return anyLimits();
  }

  /**
   * Defaults (half the time), DTD-ignoring defaults, or every limit tiny (0..64; bytes 0..4096).
   */
  static Arbitrary<XmlLimits> anyLimits() {
    Arbitrary<Long> small = Arbitraries.longs().between(0, 64);
    Arbitrary<XmlLimits> tiny =
        Combinators.combine(
                Arbitraries.longs().between(0, 4096),
                small.map(
                    v -> dev.bounded.fuzz.KnownBugs.floor(dev.bounded.core.Limit.MAX_DEPTH, v)),
                small,
                small.map(
                    v ->
                        dev.bounded.fuzz.KnownBugs.floor(dev.bounded.core.Limit.MAX_ATTRIBUTES, v)),
                small.map(
                    v ->
                        dev.bounded.fuzz.KnownBugs.floor(
                            dev.bounded.core.Limit.MAX_ATTRIBUTE_LENGTH, v)),
                small,
                small,
                Arbitraries.of(DtdPolicy.class))
            .as(
                (bytes, depth, elements, attrs, attrLen, text, name, dtd) ->
                    XmlLimits.builder()
                        .maxBytes(bytes)
                        .maxDepth(depth)
                        .maxElements(elements)
                        .maxAttributes(attrs)
                        .maxAttributeLength(attrLen)
                        .maxTextLength(text)
                        .maxNameLength(name)
                        .dtdPolicy(dtd)
                        .build());
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(XmlLimits.defaults())),
        Tuple.of(2, Arbitraries.just(XmlLimits.builder().dtdPolicy(DtdPolicy.IGNORE).build())),
        Tuple.of(2, tiny));
  }

  @Property
  void anyBytesParseOrFailWithOurException(
      @ForAll("anyBytes") byte[] doc, @ForAll("limits") XmlLimits limits) {
    XmlTotality.assertTotal(doc, limits);
  }
}
