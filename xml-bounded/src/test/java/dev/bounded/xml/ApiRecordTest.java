package dev.bounded.xml;

import dev.bounded.apirecord.ApiDocs;
import dev.bounded.apirecord.ApiRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The compiled public API of dev.bounded.xml matches the committed xml-bounded/api/xml-bounded.api;
 * a difference is an API change, recorded with {@code -Dbounded.api.update=true} (decision 007).
 */
class ApiRecordTest {

  @Test
  void compiledApiMatchesTheCommittedRecord() throws IOException {
    ApiRecord.assertMatches(BoundedXml.class);
  }

  @Test
  void everyPublicApiElementHasAJavadocComment() throws IOException {
    ApiDocs.assertDocumented(BoundedXml.class);
  }
}
