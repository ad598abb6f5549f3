package dev.bounded.apirecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What the record holds: declarations with modifiers, generics, throws, supertypes, constants. */
class ApiRecordContentTest {

  /** A type with one of everything the record must show, and things it must leave out. */
  public abstract static class Sample<T extends Comparable<T>> extends FilterInputStream
      implements Callable<List<T>> {
    public static final int CONSTANT = 1;
    protected List<? super T> sink;
    int packagePrivate;
    private int hidden;

    protected Sample(InputStream in) throws IOException {
      super(in);
    }

    private Sample() {
      super(null);
    }

    public abstract <R extends T> R pick(List<? extends R> from, int... weights) throws IOException;

    @Deprecated
    protected void old() {}

    void notApi() {}

    /** A protected nested interface with a default method. */
    protected interface Hook {
      default boolean fire(String event) {
        return true;
      }
    }

    /** A private nested type: not API. */
    private static final class Hidden {}
  }

  /** An enum: constants in ordinal order, then the compiler's values and valueOf. */
  public enum Mode {
    ZETA,
    ALPHA
  }

  @Test
  void aTypeShowsItsDeclarationThenFieldsConstructorsAndMethods() {
    assertEquals(
        String.join(
            "\n",
            "public abstract static class dev.bounded.apirecord.ApiRecordContentTest$Sample"
                + "<T extends java.lang.Comparable<T>>"
                + " extends java.io.FilterInputStream"
                + " implements java.util.concurrent.Callable<java.util.List<T>>",
            "  public static final int CONSTANT",
            "  protected java.util.List<? super T> sink",
            "  protected <init>(java.io.InputStream) throws java.io.IOException",
            "  @Deprecated protected void old()",
            "  public abstract <R extends T> R pick(java.util.List<? extends R>,int...)"
                + " throws java.io.IOException",
            ""),
        ApiRecord.typeBlock(ApiRecordContentTest.Sample.class));
  }

  @Test
  void enumConstantsKeepTheirOrder() {
    assertEquals(
        String.join(
            "\n",
            "public static final enum dev.bounded.apirecord.ApiRecordContentTest$Mode"
                + " extends java.lang.Enum<dev.bounded.apirecord.ApiRecordContentTest$Mode>",
            "  enum constant ZETA",
            "  enum constant ALPHA",
            "  public static dev.bounded.apirecord.ApiRecordContentTest$Mode valueOf(java.lang.String)",
            "  public static dev.bounded.apirecord.ApiRecordContentTest$Mode[] values()",
            ""),
        ApiRecord.typeBlock(Mode.class));
  }

  @Test
  void anInterfaceListsItsDefaultMethods() {
    assertEquals(
        "protected abstract static interface dev.bounded.apirecord.ApiRecordContentTest$Sample$Hook\n"
            + "  public default boolean fire(java.lang.String)\n",
        ApiRecord.typeBlock(Sample.Hook.class));
  }

  @Test
  void theModuleRecordHoldsTheDeclarationAndOnlyExportedPackages() throws IOException {
    String record = ApiRecord.generate(ApiRecord.location(Limit.class));
    assertTrue(
        record.startsWith(
            "module dev.bounded.core\n"
                + "  exports dev.bounded.core\n"
                + "  exports dev.bounded.core.internal to dev.bounded.json, dev.bounded.rss, dev.bounded.xml\n"
                + "  requires jdk.management\n"
                + "  requires org.apache.commons.io\n"
                + "  requires transitive java.management\n"
                + "\npublic "),
        record);
    assertTrue(
        record.contains(
            "\npublic final enum dev.bounded.core.Limit extends java.lang.Enum<dev.bounded.core.Limit>\n"
                + "  enum constant MAX_BYTES\n"),
        record);
    assertFalse(record.contains("ParseGuard"), "an internal type is in the record");
    assertFalse(record.contains("InflatingInputStream"), "an internal type is in the record");
  }
}
