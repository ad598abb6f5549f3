package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.core.Control;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early exit by return value ({@link FeedFilter}, decision 021), beside the boolean handler. */
class FeedFilterTest {
  /** Four items, then a tail that a strict read refuses: reaching it means reading on. */
  private static final String FEED =
      "<rss version='2.0'><channel><title>t</title>"
          + "<item><title>1</title></item><item><title>2</title></item>"
          + "<item><title>3</title></item><item><title>4</title></item>"
          + "</channel><broken attr=></rss>";

  private static final FeedLimits STRICT = FeedLimits.builder().tolerant(false).build();

  private static InputStream in() {
    return new ByteArrayInputStream(FEED.getBytes(StandardCharsets.UTF_8));
  }

  private static FeedFilter titlesUntil(List<String> titles, String stopAt) {
    return new FeedFilter() {
      @Override
      public Control item(FeedItem item) {
        titles.add(item.title());
        return item.title().equals(stopAt) ? Control.STOP : Control.SKIP; // SKIP = CONTINUE here
      }
    };
  }

  @Test
  void continueReadsOnToTheBrokenTail() {
    List<String> titles = new ArrayList<>();
    assertThrows(
        MalformedDocumentException.class,
        () -> FeedReader.read(in(), STRICT, titlesUntil(titles, null)));
    assertEquals(List.of("1", "2", "3", "4"), titles);
  }

  @Test
  void stopEndsTheReadBeforeTheRestOfTheInput() throws IOException {
    List<String> titles = new ArrayList<>();
    FeedInfo info = FeedReader.read(in(), STRICT, titlesUntil(titles, "2"));
    assertEquals(List.of("1", "2"), titles);
    assertEquals("t", info.title());
  }

  @Test
  void stopAtTheMetadataDeliversNoItem() throws IOException {
    List<String> seen = new ArrayList<>();
    FeedReader.read(
        in(),
        STRICT,
        new FeedFilter() {
          @Override
          public Control feed(FeedInfo info) {
            seen.add("feed " + info.title());
            return Control.STOP;
          }

          @Override
          public Control item(FeedItem item) {
            seen.add(item.title());
            return Control.CONTINUE;
          }
        });
    assertEquals(List.of("feed t"), seen);
  }

  @Test
  void theBooleanHandlerStillStopsOnFalse() throws IOException {
    List<String> titles = new ArrayList<>();
    FeedReader.read(
        in(),
        STRICT,
        new FeedHandler() {
          @Override
          public boolean item(FeedItem item) {
            titles.add(item.title());
            return titles.size() < 3;
          }
        });
    assertEquals(List.of("1", "2", "3"), titles);
  }
}
