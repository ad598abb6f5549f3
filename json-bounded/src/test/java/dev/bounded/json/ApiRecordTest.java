package dev.bounded.json;

import dev.bounded.apirecord.ApiDocs;
import dev.bounded.apirecord.ApiRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The compiled public API of dev.bounded.json matches the committed
 * json-bounded/api/json-bounded.api; a difference is an API change, recorded with {@code
 * -Dbounded.api.update=true} (decision 007).
 */
class ApiRecordTest {

  @Test
  void compiledApiMatchesTheCommittedRecord() throws IOException {
    ApiRecord.assertMatches(BoundedJson.class);
  }

  @Test
  void everyPublicApiElementHasAJavadocComment() throws IOException {
    ApiDocs.assertDocumented(BoundedJson.class);
  }
}
