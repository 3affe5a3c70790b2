package io.hnsw4j.datasets;

import static io.hnsw4j.datasets.CorruptVectorFileTest.assertCorrupt;
import static io.hnsw4j.datasets.CorruptVectorFileTest.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  // An idx3-ubyte image file the way MNIST ships it: big-endian header, row-major bytes.
  private static byte[] images(byte[][] pixels, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels.length * rows * cols); // big-endian default
    b.putInt(0x00000803).putInt(pixels.length).putInt(rows).putInt(cols);
    for (byte[] p : pixels) {
      b.put(p);
    }
    return b.array();
  }

  private static byte[][] randomImages(int n, int size) {
    Random rnd = new Random(n);
    byte[][] p = new byte[n][size];
    for (byte[] img : p) {
      rnd.nextBytes(img);
    }
    return p;
  }

  private static void assertPixels(byte[][] expected, float[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j] & 0xFF, actual[i][j]);
      }
    }
  }

  @Test
  void plainAndGzippedImagesFlattenTo784() throws IOException {
    byte[][] pixels = randomImages(9, 28 * 28);
    byte[] raw = images(pixels, 28, 28);
    Path plain = dir.resolve("train-images-idx3-ubyte");
    Files.write(plain, raw);
    Path gz = dir.resolve("train-images-idx3-ubyte.gz");
    Files.write(gz, gzip(raw));
    for (Path p : new Path[] {plain, gz}) {
      try (VectorReader r = VectorReader.open(p)) {
        assertEquals(VectorFormat.IDX, r.format());
        assertEquals(784, r.dimension());
        assertEquals(9, r.count());
        assertEquals(p == gz, r.compressed());
      }
      assertPixels(pixels, VectorFiles.readAll(p));
      assertPixels(Arrays.copyOf(pixels, 4), VectorFiles.readAll(p, 4));
    }
  }

  @Test
  void labelsReadAsOneComponentVectors() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 4).putInt(0x00000801).putInt(4);
    b.put(new byte[] {9, 0, 3, 7});
    Path p = dir.resolve("t10k-labels-idx1-ubyte.gz");
    Files.write(p, gzip(b.array()));
    assertArrayEquals(new int[][] {{9}, {0}, {3}, {7}}, VectorFiles.readIntsAll(p));
  }

  @Test
  void corruptIdx() throws IOException {
    byte[] raw = images(randomImages(3, 16), 4, 4);
    Path truncated = dir.resolve("a-idx3-ubyte");
    Files.write(truncated, Arrays.copyOf(raw, raw.length - 5));
    assertCorrupt(truncated, () -> VectorFiles.readAll(truncated), "record 2", "truncated");
    Path truncatedGz = dir.resolve("b-idx3-ubyte.gz");
    Files.write(truncatedGz, gzip(Arrays.copyOf(raw, raw.length - 5)));
    assertCorrupt(truncatedGz, () -> VectorFiles.readAll(truncatedGz), "record 2", "truncated");

    byte[] badMagic = raw.clone();
    badMagic[0] = 0x12;
    Path magic = dir.resolve("c-idx3-ubyte");
    Files.write(magic, badMagic);
    assertCorrupt(magic, () -> VectorFiles.readAll(magic), "header", "bad magic 0x12000803");

    byte[] floats = raw.clone();
    floats[2] = 0x0D;
    Path type = dir.resolve("d-idx3-ubyte");
    Files.write(type, floats);
    assertCorrupt(type, () -> VectorFiles.readAll(type), "element type 0x0d");

    ByteBuffer huge = ByteBuffer.allocate(16).putInt(0x803).putInt(1).putInt(1 << 16);
    huge.putInt(1 << 16);
    Path big = dir.resolve("e-idx3-ubyte");
    Files.write(big, huge.array());
    CorruptFileException e =
        assertCorrupt(big, () -> VectorFiles.readAll(big), "item size exceeds");
    assertTrue(e.record() < 0);
  }
}
