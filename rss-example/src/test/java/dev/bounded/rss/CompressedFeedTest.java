package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.DecompressionLimits;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.testkit.CompressedInputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, findings 4 and 5 through the reader and the CLI: compressed input that never produces
 * output fails typed within about the deadline; 10,000 empty members are no stack overflow.
 */
class CompressedFeedTest {
  private static final byte[] FEED =
      Feeds.rss("<item><title>One</title><link>https://e.org/1</link></item>")
          .getBytes(StandardCharsets.UTF_8);

  private static FeedLimits deadline(long millis, DecompressionLimits d) {
    return FeedLimits.builder()
        .xmlLimits(FeedLimits.DEFAULT_XML_LIMITS.toBuilder().maxParseMillis(millis).build())
        .decompressionLimits(d)
        .build();
  }

  private static long secondsToFail(Supplier<InputStream> endless, FeedLimits limits, Limit... ok) {
    long start = System.nanoTime();
    LimitExceededException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    LimitExceededException.class,
                    () -> {
                      try (FeedReader r = FeedReader.open(endless.get(), limits)) {
                        while (r.next() != null) {
                          // drain
                        }
                      }
                    }));
    assertTrue(Arrays.asList(ok).contains(e.limit()), e.getMessage());
    return (System.nanoTime() - start) / 1_000_000_000L;
  }

  @Test
  void inputThatNeverProducesOutputFailsTypedWithinTheDeadline() {
    // Finding 4 as reported: a 2 s deadline, default decompression limits. On main this ran for
    // ever (30 s and 4 GB read when reported).
    FeedLimits limits = deadline(2000, DecompressionLimits.defaults());
    for (Supplier<InputStream> endless :
        Arrays.<Supplier<InputStream>>asList(
            CompressedInputs::endlessEmptyBlocksGzip, CompressedInputs::endlessEmptyBlocksZlib)) {
      long secs =
          secondsToFail(endless, limits, Limit.MAX_PARSE_MILLIS, Limit.MAX_COMPRESSED_BYTES);
      assertTrue(secs < 5, secs + " s");
    }
  }

  @Test
  void anEndlessHeaderCommentFailsTypedAtOnce() {
    long start = System.nanoTime();
    MalformedDocumentException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    MalformedDocumentException.class,
                    () ->
                        FeedReader.open(
                            CompressedInputs.endlessComment(),
                            deadline(2000, DecompressionLimits.defaults()))));
    assertTrue(e.getMessage().contains("comment (FCOMMENT) is longer than 65535 bytes"), e + "");
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void withNoCompressedCapTheDeadlineAloneStopsIt() {
    FeedLimits limits = deadline(2000, DecompressionLimits.builder().unlimited().build());
    for (Supplier<InputStream> endless :
        Arrays.<Supplier<InputStream>>asList(
            CompressedInputs::endlessEmptyBlocksGzip,
            CompressedInputs::endlessEmptyBlocksZlib,
            CompressedInputs::endlessExtraFieldMembers)) {
      long secs = secondsToFail(endless, limits, Limit.MAX_PARSE_MILLIS);
      assertTrue(secs >= 2 && secs < 5, secs + " s");
    }
  }

  @Test
  void tenThousandEmptyMembersBeforeTheFeedAreRead() throws IOException {
    // Finding 5: the JDK's GZIPInputStream recursed once per member: StackOverflowError.
    byte[] gz = CompressedInputs.emptyMembers(10_000, CompressedInputs.gzip(FEED));
    assertEquals("One", Feeds.items(gz, FeedLimits.defaults()).get(0).title());
  }

  @Test
  void maxBytesScalesTheCompressedSideToo() {
    FeedLimits l = FeedLimits.builder().maxBytes(1000).build();
    assertEquals(1000, l.decompressionLimits().maxCompressedBytes());
    assertEquals(1000, l.decompressionLimits().maxExpandedBytes());
    assertEquals(DecompressionLimits.DEFAULT_MAX_MEMBERS, l.decompressionLimits().maxMembers());
    FeedLimits u = FeedLimits.builder().maxBytes(FeedLimits.UNLIMITED).build();
    assertEquals(DecompressionLimits.UNLIMITED, u.decompressionLimits().maxCompressedBytes());
    // equals now compares the whole DecompressionLimits
    assertTrue(
        !l.equals(l.toBuilder().decompressionLimits(DecompressionLimits.defaults()).build()));
    assertEquals(
        FeedLimits.defaults(),
        FeedLimits.builder().decompressionLimits(DecompressionLimits.builder().build()).build());
  }

  // --- the command line: one clear line, exit status 2 ---

  private static MainTest.Run cli(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(args, stdin, out, new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new MainTest.Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void oneLineExit2(MainTest.Run r, String expected) {
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rss-example: after "), r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @Test
  void theCliRefusesEachInOneLineWithStatus2() {
    MainTest.Run endless =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> cli(CompressedInputs.endlessEmptyBlocksGzip(), "-"));
    oneLineExit2(
        endless,
        "Compressed size (67108865 bytes) exceeds the maximum allowed (67108864 bytes, from"
            + " DecompressionLimits.maxCompressedBytes) at byte 67108864 (raise it with"
            + " --max-bytes)");
    oneLineExit2(
        cli(CompressedInputs.endlessComment(), "-"),
        "Corrupt or truncated compressed input: gzip header comment (FCOMMENT) is longer than"
            + " 65535 bytes");
    byte[] flood =
        CompressedInputs.emptyMembers(
            (int) DecompressionLimits.DEFAULT_MAX_MEMBERS + 1, new byte[0]);
    oneLineExit2(
        cli(new ByteArrayInputStream(flood), "-"),
        "Gzip member count (65537) exceeds the maximum allowed (65536, from"
            + " DecompressionLimits.maxMembers)");
    byte[] gz = CompressedInputs.gzip(FEED);
    oneLineExit2(
        cli(new ByteArrayInputStream(Arrays.copyOf(gz, gz.length - 3)), "-"),
        "Corrupt or truncated compressed input: truncated: the stream ends inside a gzip member"
            + " trailer at byte "
            + (gz.length - 3));
    MainTest.Run many =
        cli(new ByteArrayInputStream(CompressedInputs.emptyMembers(10_000, gz)), "-");
    assertEquals(0, many.status(), many.err());
    assertEquals("\tOne\thttps://e.org/1\n", many.out());
  }
}
