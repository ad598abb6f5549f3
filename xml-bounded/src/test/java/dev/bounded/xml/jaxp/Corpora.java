package dev.bounded.xml.jaxp;

import dev.bounded.testkit.SharedCorpora;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The shared corpora, read in place; the W3C suite unzipped once into target/. */
final class Corpora {
  private Corpora() {}

  static Path root() {
    return SharedCorpora.root();
  }

  static List<Path> feeds() {
    return filesUnder(root().resolve("feeds"), p -> true);
  }

  static List<Path> attacks() {
    return filesUnder(
        root().resolve("xml-attacks"),
        p -> {
          String n = p.getFileName().toString();
          return !n.equals("LICENSE") && !n.endsWith(".md") && !n.endsWith(".txt");
        });
  }

  /**
   * Every .xml file of the W3C XML Conformance Test Suite, unzipped under target/xmlconf-unzipped.
   */
  static synchronized List<Path> xmlconf() {
    Path dir = Path.of(System.getProperty("java.io.tmpdir")).resolve("xmlconf-unzipped");
    Path done = dir.resolve(".complete");
    if (!Files.exists(done)) {
      try (InputStream raw = Files.newInputStream(root().resolve("xmlconf/xmlts20130923.zip"));
          ZipInputStream zip = new ZipInputStream(raw)) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          Path out = dir.resolve(e.getName()).normalize();
          if (!out.startsWith(dir)) {
            throw new IOException("zip entry escapes: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Files.writeString(done, "ok");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return filesUnder(dir, p -> p.getFileName().toString().endsWith(".xml"));
  }

  private static List<Path> filesUnder(Path dir, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(keep).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
