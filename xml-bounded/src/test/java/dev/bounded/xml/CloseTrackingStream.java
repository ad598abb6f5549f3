package dev.bounded.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Remembers whether anyone closed it. */
final class CloseTrackingStream extends FilterInputStream {
  boolean closed;

  CloseTrackingStream(InputStream in) {
    super(in);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    super.close();
  }
}
