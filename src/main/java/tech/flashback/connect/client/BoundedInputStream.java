package tech.flashback.connect.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Counts the bytes read from a body and fails once they pass the limit, so a huge (or endless, or
 * decompression-bomb) body is refused after {@code maxBytes} instead of filling the heap.
 */
final class BoundedInputStream extends FilterInputStream {

  private final long maxBytes;
  private final LongConsumer bytesRead;
  private long count;

  BoundedInputStream(InputStream in, long maxBytes, LongConsumer bytesRead) {
    super(in);
    this.maxBytes = maxBytes;
    this.bytesRead = bytesRead;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void add(long n) throws ResponseTooLargeIoException {
    count += n;
    bytesRead.accept(n);
    if (count > maxBytes) {
      throw new ResponseTooLargeIoException(maxBytes);
    }
  }
}
