package dev.bounded.rss;

import dev.bounded.apirecord.ApiDocs;
import dev.bounded.apirecord.ApiRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The compiled public API of dev.bounded.rss matches the committed rss-example/api/rss-example.api;
 * a difference is an API change, recorded with {@code -Dbounded.api.update=true} (decision 007).
 */
class ApiRecordTest {

  @Test
  void compiledApiMatchesTheCommittedRecord() throws IOException {
    ApiRecord.assertMatches(FeedReader.class);
  }

  @Test
  void everyPublicApiElementHasAJavadocComment() throws IOException {
    ApiDocs.assertDocumented(FeedReader.class);
  }
}
