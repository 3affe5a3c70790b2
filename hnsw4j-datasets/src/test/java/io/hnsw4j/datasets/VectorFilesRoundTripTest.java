package io.hnsw4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorFilesRoundTripTest {
  @TempDir Path dir;

  private static final int[] DIMS = {1, 3, 100, 785};

  static float[][] randomFloats(Random rnd, int n, int dim) {
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) rnd.nextGaussian() * 10;
      }
    }
    return v;
  }

  static float[][] randomBytes(Random rnd, int n, int dim) {
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      for (int j = 0; j < dim; j++) {
        row[j] = rnd.nextInt(256);
      }
    }
    return v;
  }

  static int[][] randomInts(Random rnd, int n, int dim) {
    int[][] v = new int[n][dim];
    for (int[] row : v) {
      for (int j = 0; j < dim; j++) {
        row[j] = rnd.nextInt();
      }
    }
    return v;
  }

  private static int countFor(int dim) {
    return dim > 100 ? 7 : 41;
  }

  @ParameterizedTest
  @ValueSource(strings = {"fvecs", "fbin", "npy", "fvecs.gz", "fbin.gz", "npy.gz"})
  void floatFormatsRoundTrip(String ext) throws IOException {
    Random rnd = new Random(ext.hashCode());
    for (int dim : DIMS) {
      float[][] data = randomFloats(rnd, countFor(dim), dim);
      Path p = dir.resolve("v" + dim + "." + ext);
      VectorFiles.write(p, VectorFormat.fromPath(p), data);
      assertArrayEquals(data, VectorFiles.readAll(p), ext + " dim " + dim);
      checkReader(p, data.length, dim, ext.endsWith(".gz"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bvecs", "u8bin", "bvecs.gz", "u8bin.gz"})
  void byteFormatsRoundTrip(String ext) throws IOException {
    Random rnd = new Random(ext.hashCode());
    for (int dim : DIMS) {
      float[][] data = randomBytes(rnd, countFor(dim), dim);
      Path p = dir.resolve("v" + dim + "." + ext);
      VectorFiles.write(p, VectorFormat.fromPath(p), data);
      assertArrayEquals(data, VectorFiles.readAll(p), ext + " dim " + dim);
      int[][] ints = VectorFiles.readIntsAll(p);
      for (int i = 0; i < data.length; i++) {
        for (int j = 0; j < dim; j++) {
          assertEquals((int) data[i][j], ints[i][j]);
        }
      }
      checkReader(p, data.length, dim, ext.endsWith(".gz"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ivecs", "ibin", "npy", "ivecs.gz", "ibin.gz"})
  void intFormatsRoundTrip(String ext) throws IOException {
    Random rnd = new Random(ext.hashCode());
    for (int dim : DIMS) {
      int[][] data = randomInts(rnd, countFor(dim), dim);
      Path p = dir.resolve("v" + dim + "." + ext);
      VectorFiles.writeInts(p, VectorFormat.fromPath(p), data);
      assertArrayEquals(data, VectorFiles.readIntsAll(p), ext + " dim " + dim);
      float[][] floats = VectorFiles.readAll(p);
      assertEquals((float) data[0][dim - 1], floats[0][dim - 1]);
      checkReader(p, data.length, dim, ext.endsWith(".gz"));
    }
  }

  private static void checkReader(Path p, int n, int dim, boolean gz) throws IOException {
    try (VectorReader r = VectorReader.open(p)) {
      assertEquals(dim, r.dimension());
      assertEquals(gz, r.compressed());
      // vecs files carry no count: it comes from the file size, unknown when compressed
      boolean vecs = p.toString().contains("vecs");
      assertEquals(gz && vecs ? -1 : n, r.count(), p.toString());
      float[] v = new float[dim + 2]; // longer arrays are fine
      int seen = 0;
      while (r.next(v)) {
        seen++;
      }
      assertEquals(n, seen);
      assertEquals(n, r.recordsRead());
      assertFalse(r.next(v), "stays at the end");
    }
  }

  @Test
  void namedWritersMatchTheirFormats() throws IOException {
    Random rnd = new Random(7);
    float[][] f = randomFloats(rnd, 5, 3);
    float[][] b = randomBytes(rnd, 5, 3);
    int[][] i = randomInts(rnd, 5, 3);
    VectorFiles.writeFvecs(dir.resolve("a.fvecs"), f);
    VectorFiles.writeFbin(dir.resolve("a.fbin"), f);
    VectorFiles.writeBvecs(dir.resolve("a.bvecs"), b);
    VectorFiles.writeIvecs(dir.resolve("a.ivecs"), i);
    assertEquals(5 * (4 + 12), Files.size(dir.resolve("a.fvecs")));
    assertEquals(8 + 5 * 12, Files.size(dir.resolve("a.fbin")));
    assertEquals(5 * (4 + 3), Files.size(dir.resolve("a.bvecs")));
    assertArrayEquals(f, VectorFiles.readAll(dir.resolve("a.fvecs")));
    assertArrayEquals(f, VectorFiles.readAll(dir.resolve("a.fbin")));
    assertArrayEquals(b, VectorFiles.readAll(dir.resolve("a.bvecs")));
    assertArrayEquals(i, VectorFiles.readIntsAll(dir.resolve("a.ivecs")));
  }

  @Test
  void knownBytesDecodeLittleEndian() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(2).putFloat(1.5f).putFloat(-2f);
    Path p = dir.resolve("x.fvecs");
    Files.write(p, b.array());
    assertArrayEquals(new float[][] {{1.5f, -2f}}, VectorFiles.readAll(p));
    Files.write(dir.resolve("x.bvecs"), new byte[] {2, 0, 0, 0, (byte) 255, 7});
    assertArrayEquals(new float[][] {{255f, 7f}}, VectorFiles.readAll(dir.resolve("x.bvecs")));
  }

  @Test
  void readAllWithLimit() throws IOException {
    float[][] data = randomFloats(new Random(3), 20, 4);
    for (String name : new String[] {"l.fvecs", "l.fbin", "l.npy", "l.fvecs.gz"}) {
      Path p = dir.resolve(name);
      VectorFiles.write(p, VectorFormat.fromPath(p), data);
      float[][] head = VectorFiles.readAll(p, 6);
      assertEquals(6, head.length);
      for (int i = 0; i < 6; i++) {
        assertArrayEquals(data[i], head[i]);
      }
      assertEquals(0, VectorFiles.readAll(p, 0).length);
      assertEquals(20, VectorFiles.readAll(p, 1000).length);
    }
    int[][] ids = randomInts(new Random(4), 9, 5);
    VectorFiles.writeIvecs(dir.resolve("gt.ivecs"), ids);
    assertEquals(3, VectorFiles.readIntsAll(dir.resolve("gt.ivecs"), 3).length);
    assertThrows(
        IllegalArgumentException.class, () -> VectorFiles.readAll(dir.resolve("l.fvecs"), -1));
  }

  @Test
  void emptyFiles() throws IOException {
    for (String name : new String[] {"e.fvecs", "e.fbin", "e.npy"}) {
      Path p = dir.resolve(name);
      VectorFiles.write(p, VectorFormat.fromPath(p), new float[0][]);
      try (VectorReader r = VectorReader.open(p)) {
        assertEquals(0, r.count(), name);
        assertFalse(r.next(new float[0]));
      }
      assertEquals(0, VectorFiles.readAll(p).length);
    }
  }

  @Test
  void formatOverrideIgnoresTheName() throws IOException {
    float[][] data = randomFloats(new Random(5), 3, 2);
    Path p = dir.resolve("vectors.dat");
    VectorFiles.write(p, VectorFormat.FBIN, data);
    assertThrows(IllegalArgumentException.class, () -> VectorReader.open(p));
    assertArrayEquals(data, VectorFiles.readAll(p, VectorFormat.fromName("fbin"), 10));
  }

  @Test
  void formatFromNames() {
    assertEquals(VectorFormat.FVECS, VectorFormat.fromPath(Path.of("/x/sift_base.fvecs")));
    assertEquals(VectorFormat.IVECS, VectorFormat.fromPath(Path.of("gt.IVECS")));
    assertEquals(VectorFormat.U8BIN, VectorFormat.fromPath(Path.of("base.1B.u8bin.gz")));
    assertEquals(VectorFormat.NPY, VectorFormat.fromPath(Path.of("emb.npy")));
    assertEquals(VectorFormat.IDX, VectorFormat.fromPath(Path.of("train-images-idx3-ubyte.gz")));
    assertEquals(VectorFormat.IDX, VectorFormat.fromPath(Path.of("t10k-labels.idx1-ubyte")));
    assertEquals(VectorFormat.IDX, VectorFormat.fromPath(Path.of("images.idx")));
    assertEquals(VectorFormat.BVECS, VectorFormat.fromName(".bvecs"));
    assertEquals(VectorFormat.IBIN, VectorFormat.fromName("IBIN"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VectorFormat.fromPath(Path.of("a.csv")));
    assertTrue(e.getMessage().contains("a.csv"), e.getMessage());
    assertEquals(VectorFormat.HDF5, VectorFormat.fromName("hdf5"));
    assertThrows(IllegalArgumentException.class, () -> VectorFormat.fromName("csv"));
  }

  @Test
  void intAccessOnFloatFileIsRefused() throws IOException {
    Path p = dir.resolve("f.fvecs");
    VectorFiles.writeFvecs(p, new float[][] {{1f, 2f}});
    try (VectorReader r = VectorReader.open(p)) {
      assertFalse(r.holdsIntegers());
      assertThrows(IllegalStateException.class, () -> r.nextInts(new int[2]));
      assertThrows(IllegalArgumentException.class, () -> r.next(new float[1]));
    }
  }

  @Test
  void writersRejectBadInput() {
    Path p = dir.resolve("bad.fvecs");
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorFiles.writeFvecs(p, new float[][] {{1f, 2f}, {3f}}));
    assertThrows(
        IllegalArgumentException.class, () -> VectorFiles.writeFvecs(p, new float[][] {{}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorFiles.writeBvecs(dir.resolve("b.bvecs"), new float[][] {{1f, 256f}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorFiles.writeBvecs(dir.resolve("b.bvecs"), new float[][] {{0.5f}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorFiles.write(dir.resolve("i.ivecs"), VectorFormat.IVECS, new float[][] {{1f}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorFiles.write(dir.resolve("m.idx"), VectorFormat.IDX, new float[][] {{1f}}));
  }
}
