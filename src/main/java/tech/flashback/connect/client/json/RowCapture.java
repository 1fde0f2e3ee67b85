package tech.flashback.connect.client.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The body stream, keeping the bytes from the start of the row being read, so a row that {@link
 * RowCursor} cannot take is read a second time, from its own bytes, into a {@link RawRow}. Bytes
 * before that start are dropped as more arrive: what is kept is at most one row and one read of the
 * parser, so the body is still read as a stream.
 */
final class RowCapture extends FilterInputStream {

  /** Room for one read of the parser (8,000 bytes) and a row of common size. */
  static final int INITIAL_CAPACITY = 16 * 1024;

  private byte[] kept;
  private long keptFrom; // stream position of kept[0]
  private int keptLength;
  private long keepFrom; // stream position from which bytes must be kept
  private int used; // kept[0, used) has held bytes of this body

  /**
   * @param in the body
   * @param buffer where to keep bytes, its content ignored (a buffer left by an earlier capture),
   *     or {@code null} for a new one
   */
  RowCapture(InputStream in, byte[] buffer) {
    super(in);
    this.kept = buffer != null ? buffer : new byte[INITIAL_CAPACITY];
  }

  /**
   * The buffer bytes were kept in (grown if a row needed it), wiped, for the next capture to reuse:
   * a catalog body holds the buckets' storage credentials, and they must not outlive its reading.
   */
  byte[] wipedBuffer() {
    Arrays.fill(kept, 0, used, (byte) 0);
    used = 0;
    return kept;
  }

  /** From now on, bytes before {@code position} (a stream position) are no longer needed. */
  void keepFrom(long position) {
    keepFrom = position;
  }

  /** The bytes at stream positions {@code [from, to)}, which must not have been dropped. */
  byte[] bytes(long from, long to) {
    if (from < keptFrom || to > keptFrom + keptLength || from > to) {
      throw new IllegalStateException(
          "row bytes [" + from + ", " + to + ") not kept; kept from " + keptFrom);
    }
    int start = (int) (from - keptFrom);
    return Arrays.copyOfRange(kept, start, start + (int) (to - from));
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      append(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      append(buffer, offset, n);
    }
    return n;
  }

  /** Skipped bytes are read, so that stream positions stay the parser's byte offsets. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    int read = read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void append(byte[] buffer, int offset, int length) {
    // kept[] always ends at the stream's position; drop what lies before keepFrom
    int drop = (int) Math.max(0, Math.min(keepFrom, keptFrom + keptLength) - keptFrom);
    if (drop > 0) {
      System.arraycopy(kept, drop, kept, 0, keptLength - drop);
      keptLength -= drop;
      keptFrom += drop;
    }
    int needed = keptLength + length;
    if (needed > kept.length) {
      kept = Arrays.copyOf(kept, Math.max(needed, kept.length * 2));
    }
    System.arraycopy(buffer, offset, kept, keptLength, length);
    keptLength += length;
    used = Math.max(used, keptLength);
  }
}
