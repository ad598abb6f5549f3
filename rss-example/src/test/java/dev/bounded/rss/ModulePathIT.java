package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.modulecheck.AllocationCapProbe;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.testkit.SharedCorpora;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library runs as named modules: the four module descriptors resolve against their real
 * dependencies, export exactly their API packages, and the command-line tool and a parse under an
 * allocation cap run in child JVMs with only a module path (decision 007).
 */
class ModulePathIT {
  static final Set<String> LIBRARY =
      Set.of("dev.bounded.core", "dev.bounded.xml", "dev.bounded.json", "dev.bounded.rss");
  static final long CHILD_SECONDS = 60;
  static final List<String> MAIN = List.of("-m", "dev.bounded.rss/dev.bounded.rss.Main");

  /** The resolved library modules and their dependencies, by name, from the test class path. */
  static Map<String, ModuleDescriptor> resolved;

  /** Their locations: the module path of the children. */
  static String modulePath;

  static Path feed;

  @BeforeAll
  static void resolveTheLibrary() {
    List<Path> candidates = new ArrayList<>();
    // This module's classes first: failsafe may put the shaded jar (no module-info) on the path.
    candidates.add(Path.of(System.getProperty("rss.classes")));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      boolean module =
          Files.isDirectory(p) ? Files.exists(p.resolve("module-info.class")) : e.endsWith(".jar");
      if (module && ok(p)) {
        candidates.add(p);
      }
    }
    ModuleFinder ours = ModuleFinder.of(candidates.toArray(Path[]::new));
    ModuleFinder jdkThenOurs = ModuleFinder.compose(ModuleFinder.ofSystem(), ours);
    Configuration cf = Configuration.empty().resolve(jdkThenOurs, ModuleFinder.of(), LIBRARY);
    resolved = new TreeMap<>();
    Set<String> path = new LinkedHashSet<>();
    for (ResolvedModule m : cf.modules()) {
      URI where = m.reference().location().orElseThrow();
      if (!where.getScheme().equals("jrt")) {
        resolved.put(m.name(), m.reference().descriptor());
        path.add(Path.of(where).toString());
      }
    }
    modulePath = String.join(File.pathSeparator, path);
    feed =
        SharedCorpora.root()
            .resolve("feeds/rometools-rome/rome-modules/src/test/resources/xml/slashdot.xml");
  }

  private static boolean ok(Path p) {
    try {
      ModuleFinder.of(p).findAll();
      return true;
    } catch (FindException e) {
      return false; // a test-only jar no module system would take: not ours
    }
  }

  @Test
  void theLibraryModulesAreRealModulesAndResolveWithTheirDependencies() {
    for (String name : LIBRARY) {
      ModuleDescriptor d = resolved.get(name);
      assertTrue(d != null, name + " not resolved from the class path: " + resolved.keySet());
      assertFalse(d.isAutomatic(), name + " has no module-info");
    }
    assertEquals(
        // No com.ctc.wstx / org.codehaus.stax2: Woodstox is optional since decision 018.
        Set.of(
            "com.fasterxml.jackson.core",
            "dev.bounded.core",
            "dev.bounded.json",
            "dev.bounded.rss",
            "dev.bounded.xml",
            "org.apache.commons.io"),
        resolved.keySet(),
        "the module path the library needs");
  }

  @Test
  void eachLibraryModuleExportsExactlyItsNonInternalPackagesToEveryone() {
    for (String name : LIBRARY) {
      ModuleDescriptor d = resolved.get(name);
      Set<String> api =
          d.packages().stream()
              .filter(p -> !isInternal(p))
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> exported =
          d.exports().stream()
              .filter(e -> !e.isQualified())
              .map(ModuleDescriptor.Exports::source)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(api, exported, name + ": unqualified exports must be exactly the API packages");
      for (ModuleDescriptor.Exports e : d.exports()) {
        if (e.isQualified()) {
          assertTrue(isInternal(e.source()), name + " exports an API package only to some: " + e);
          assertTrue(
              LIBRARY.containsAll(e.targets()), name + " exports internals outside Bounded: " + e);
        }
      }
      assertTrue(d.opens().isEmpty(), name + " opens packages: " + d.opens());
      // Decision 003: the JAXP drop-ins are explicit, never services that replace the JDK's.
      assertTrue(d.provides().isEmpty(), name + " provides services: " + d.provides());
    }
  }

  @Test
  void onlyCoreInternalsAreSharedAndOnlyWithTheModulesThatRunTheGuard() {
    List<String> qualified = new ArrayList<>();
    for (String name : new TreeSet<>(LIBRARY)) {
      for (ModuleDescriptor.Exports e : resolved.get(name).exports()) {
        if (e.isQualified()) {
          qualified.add(name + ": " + e.source() + " to " + new TreeSet<>(e.targets()));
        }
      }
    }
    assertEquals(
        List.of(
            // rss: FeedReader runs the XML deadline inside decompression (decision 012)
            "dev.bounded.core: dev.bounded.core.internal to [dev.bounded.json, dev.bounded.rss,"
                + " dev.bounded.xml]"),
        qualified);
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  @Test
  @RequiresCorpus("feeds")
  void theCommandLineToolRunsAsAModuleAndPrintsWhatItPrintsOnTheClassPath() throws Exception {
    String[] args = {"--format", "jsonl", "--lenient-entities", feed.toString()};
    Run child = java(modular(MAIN, args));
    Run here = inProcess(args);
    assertEquals(0, child.status, child.err);
    assertEquals(0, here.status, here.err);
    assertEquals(10, child.out.lines().count(), child.out);
    assertTrue(
        child.out.startsWith(
            "{\"published\":\"2005-11-20T00:43:00Z\",\"updated\":\"2005-11-20T00:43:00Z\","
                + "\"title\":\"The Prisoner To Be Remade On U.K. TV\""),
        child.out);
    assertEquals(here.out, child.out);
    assertTrue(child.err.startsWith("rss-example: 10 items, 17,828 bytes in "), child.err);
  }

  @Test
  @RequiresCorpus("feeds")
  void aLimitBreachIsReportedFromTheModulePath() throws Exception {
    String[] args = {"--max-bytes", "1k", feed.toString()};
    Run child = java(modular(MAIN, args));
    Run here = inProcess(args);
    assertEquals(2, child.status, child.err);
    assertEquals("", child.out);
    assertEquals(
        "rss-example: after 0 items: Document size (1025 bytes) exceeds the maximum allowed"
            + " (1024 bytes, from XmlLimits.maxBytes) at line 14, column 30, byte 1024"
            + " (raise it with --max-bytes)\n",
        child.err);
    assertEquals(here.err, child.err);
  }

  @Test
  void aFiniteAllocationCapWorksOnTheModulePathEvenInAMinimalModuleGraph() throws Exception {
    // --limit-modules keeps only what dev.bounded.xml requires, as a jlink image of it would:
    // jdk.management is there because dev.bounded.core requires it (not "requires static").
    String testClasses =
        Path.of(
                AllocationCapProbe.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    for (String limit : new String[] {"java.base", "dev.bounded.xml"}) {
      List<String> cmd =
          modular(
              List.of(
                  "--add-modules",
                  "dev.bounded.xml",
                  "--limit-modules",
                  limit + ",dev.bounded.xml",
                  "-cp",
                  testClasses,
                  AllocationCapProbe.class.getName()));
      Run child = java(cmd);
      assertEquals(0, child.status, child.err);
      assertEquals(
          "breach MAX_ALLOCATED_BYTES " + AllocationCapProbe.CAP + " XmlLimits.maxAllocatedBytes\n",
          child.out,
          String.join(" ", cmd));
    }
  }

  /** {@code java -Xmx64m --module-path <library> <options> <args>}, no class path unless given. */
  private static List<String> modular(List<String> options, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "--module-path",
                modulePath));
    cmd.addAll(options);
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  private static final class Run {
    final int status;
    final String out;
    final String err;

    Run(int status, String out, String err) {
      this.status = status;
      this.out = out;
      this.err = err;
    }
  }

  private static Run java(List<String> cmd) throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path out = Files.createTempFile(tmp, "module-path-it", ".out");
    Path err = Files.createTempFile(tmp, "module-path-it", ".err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close(); // an empty standard input
    if (!p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("child JVM still running after " + CHILD_SECONDS + " s: " + String.join(" ", cmd));
    }
    Run r = new Run(p.exitValue(), read(out), read(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static Run inProcess(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, new ByteArrayInputStream(new byte[0]), out, e, false);
    }
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
