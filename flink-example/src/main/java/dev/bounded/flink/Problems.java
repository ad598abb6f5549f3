package dev.bounded.flink;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import org.xml.sax.SAXParseException;

/** Error records from the exceptions a parse of one message throws. */
final class Problems {
  private Problems() {}

  /** The source name of a message: messages carry no name of their own. */
  static String message(byte[] m) {
    return "message of " + m.length + " bytes";
  }

  /**
   * Ours, found in {@code e}'s chain; else a {@link MalformedDocumentException} with what the
   * parser or databind said and where (a JSON message that does not fit the target type, for
   * example).
   */
  static BoundedParseException cause(Exception e) {
    BoundedParseException ours = BoundedParseException.find(e).orElse(null);
    if (ours != null) {
      return ours;
    }
    ParseLocation where = ParseLocation.UNKNOWN;
    String problem = String.valueOf(e.getMessage());
    if (e instanceof JsonProcessingException) {
      JsonProcessingException j = (JsonProcessingException) e;
      problem = String.valueOf(j.getOriginalMessage());
      JsonLocation l = j.getLocation();
      if (l != null) {
        where = ParseLocation.of(l.getLineNr(), l.getColumnNr(), l.getByteOffset(), null);
      }
    } else if (e instanceof SAXParseException) {
      SAXParseException s = (SAXParseException) e;
      where = ParseLocation.of(s.getLineNumber(), s.getColumnNumber(), -1, null);
    }
    return new MalformedDocumentException(problem, where, e);
  }
}
