package dev.bounded.apirecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record check fails, readably, exactly when the record and the compiled API differ. */
class ApiRecordDiffTest {
  private static final List<String> RECORD =
      List.of(
          "module m",
          "  exports p",
          "",
          "public final class p.A",
          "  public void a()",
          "  public void b()",
          "  public void c()",
          "");

  @TempDir Path tmp;

  @Test
  void equalRecordsHaveNoDiff() {
    assertEquals(List.of(), ApiRecord.diff(RECORD, RECORD));
  }

  @Test
  void aLineOnlyInTheRecordIsReportedWithMinusAndTwoLinesOfContext() {
    List<String> compiled = new ArrayList<>(RECORD);
    compiled.remove("  public void b()");
    assertEquals(
        List.of(
            "@@ -4,5 +4,4 @@",
            " public final class p.A",
            "   public void a()",
            "-  public void b()",
            "   public void c()",
            " "),
        ApiRecord.diff(RECORD, compiled));
  }

  @Test
  void aLineOnlyInTheCompiledApiIsReportedWithPlus() {
    List<String> compiled = new ArrayList<>(RECORD);
    compiled.add(5, "  public void added()");
    assertEquals(
        List.of(
            "@@ -4,4 +4,5 @@",
            " public final class p.A",
            "   public void a()",
            "+  public void added()",
            "   public void b()",
            "   public void c()"),
        ApiRecord.diff(RECORD, compiled));
  }

  @Test
  void aChangedLineIsAMinusThenAPlus() {
    List<String> compiled = new ArrayList<>(RECORD);
    compiled.set(1, "  exports q");
    List<String> d = ApiRecord.diff(RECORD, compiled);
    assertEquals(
        List.of(
            "@@ -1,4 +1,4 @@",
            " module m",
            "-  exports p",
            "+  exports q",
            " ",
            " public final class p.A"),
        d);
  }

  @Test
  void changesFarApartGetTheirOwnHunks() {
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      recorded.add("line " + i);
    }
    List<String> compiled = new ArrayList<>(recorded);
    compiled.remove("line 2");
    compiled.remove("line 17");
    List<String> d = ApiRecord.diff(recorded, compiled);
    assertEquals(
        List.of(
            "@@ -1,5 +1,4 @@",
            " line 0",
            " line 1",
            "-line 2",
            " line 3",
            " line 4",
            "@@ -16,5 +15,4 @@",
            " line 15",
            " line 16",
            "-line 17",
            " line 18",
            " line 19"),
        d);
  }

  @Test
  void checkFailsNamingAMemberTheRecordLacks() throws IOException {
    Path location = ApiRecord.location(Limit.class);
    String real = ApiRecord.generate(location);
    String member = "  enum constant MAX_DEPTH\n";
    assertTrue(real.contains(member), real);
    Path record = tmp.resolve("bounded-core.api");
    Files.writeString(record, real.replace(member, ""));
    AssertionError e = assertThrows(AssertionError.class, () -> check(location, record));
    String m = e.getMessage();
    assertTrue(
        m.startsWith(
            "The API of module dev.bounded.core differs from its record "
                + record
                + "\n(- recorded, + compiled):\n@@ "),
        m);
    assertTrue(m.contains("\n+  enum constant MAX_DEPTH\n"), m);
    assertEquals(1, m.lines().filter(l -> l.startsWith("+") || l.startsWith("-")).count(), m);
    assertTrue(m.contains("running the build with -Dbounded.api.update=true"), m);
  }

  @Test
  void checkFailsNamingAMemberTheCompiledApiLacks() throws IOException {
    Path location = ApiRecord.location(Limit.class);
    String real = ApiRecord.generate(location);
    String anchor = "  enum constant MAX_DEPTH\n";
    Path record = tmp.resolve("bounded-core.api");
    Files.writeString(record, real.replace(anchor, anchor + "  public void removedMethod()\n"));
    AssertionError e = assertThrows(AssertionError.class, () -> check(location, record));
    assertTrue(e.getMessage().contains("\n-  public void removedMethod()\n"), e.getMessage());
  }

  @Test
  void aMissingRecordFailsListingTheWholeApi() throws IOException {
    Path location = ApiRecord.location(Limit.class);
    Path record = tmp.resolve("api/bounded-core.api");
    AssertionError e = assertThrows(AssertionError.class, () -> check(location, record));
    assertTrue(e.getMessage().contains(record + " (missing)"), e.getMessage());
    assertTrue(e.getMessage().contains("\n+module dev.bounded.core\n"), e.getMessage());
  }

  @Test
  void updateRewritesTheRecordSoTheNextCheckPasses() throws IOException {
    Path location = ApiRecord.location(Limit.class);
    Path record = tmp.resolve("api/bounded-core.api");
    Files.createDirectories(record.getParent());
    Files.writeString(record, "stale\n");
    ApiRecord.check(location, record, true);
    assertEquals(ApiRecord.generate(location), Files.readString(record));
    check(location, record);
  }

  private static void check(Path location, Path record) throws IOException {
    ApiRecord.check(location, record, false);
  }
}
