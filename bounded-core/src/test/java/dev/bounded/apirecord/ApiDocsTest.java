package dev.bounded.apirecord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiDocsTest {
  @Test
  void reportsEachUndocumentedApiElementAndNothingElse(@TempDir Path src) throws Exception {
    Path pkg = Files.createDirectories(src.resolve("p"));
    Files.writeString(
        pkg.resolve("A.java"),
        String.join(
            "\n",
            "package p;",
            "/** Documented. */",
            "public class A {",
            "  public int bare;",
            "  /** Documented. */ public int documented;",
            "  private int hidden;",
            "  int packagePrivate;",
            "  public A() {}",
            "  public void bareMethod() {}",
            "  @Override public String toString() { return \"\"; }",
            "  private void privateMethod() {}",
            "  /** Documented. */ public interface I { void implicitlyPublic(); }",
            "  /** Documented. */ public enum E { ONE, /** Documented. */ TWO }",
            "  static class Hidden { public void notApi() {} }",
            "}",
            "class PackagePrivate { public void notApi() {} }"));
    Files.writeString(pkg.resolve("B.java"), "package p;\npublic interface B {}\n");
    List<String> missing = ApiDocs.undocumented(src, Set.of("p"));
    assertEquals(
        List.of(
            "A.java:4 bare",
            "A.java:8 <init>()",
            "A.java:9 bareMethod()",
            "A.java:12 implicitlyPublic()",
            "A.java:13 ONE",
            "B.java:2 B"),
        missing);
  }
}
