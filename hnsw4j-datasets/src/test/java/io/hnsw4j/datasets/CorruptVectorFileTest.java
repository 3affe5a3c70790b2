package io.hnsw4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorruptVectorFileTest {
  @TempDir Path dir;

  /** Asserts a CorruptFileException whose message names the file and contains each fragment. */
  static CorruptFileException assertCorrupt(Path file, Executable read, String... fragments) {
    CorruptFileException e = assertThrows(CorruptFileException.class, read);
    String m = e.getMessage();
    assertTrue(m.contains(file.toString()), m);
    for (String f : fragments) {
      assertTrue(m.contains(f), "expected '" + f + "' in: " + m);
    }
    assertEquals(file, e.file());
    return e;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    }
    return bos.toByteArray();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  // Five vectors of dimension 3 in the format named by ext.
  private byte[] sample(String ext) throws IOException {
    Path p = dir.resolve("sample." + ext);
    float[][] v = VectorFilesRoundTripTest.randomBytes(new Random(1), 5, 3);
    if (ext.equals("ivecs") || ext.equals("ibin")) {
      VectorFiles.writeInts(p, VectorFormat.fromName(ext), new int[5][3]);
    } else {
      VectorFiles.write(p, VectorFormat.fromName(ext), v);
    }
    return Files.readAllBytes(p);
  }

  @Test
  void missingFileNamesThePath() {
    Path p = dir.resolve("nope.fvecs");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> VectorFiles.readAll(p));
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fvecs", "ivecs", "bvecs"})
  void truncatedVecs(String ext) throws IOException {
    byte[] good = sample(ext);
    Path p = write("t." + ext, Arrays.copyOf(good, good.length - 1));
    CorruptFileException e =
        assertCorrupt(p, () -> VectorReader.open(p).close(), "record 4", "truncated");
    assertEquals(4, e.record());
    // compressed, the size is unknown up front: the partial record fails when reached
    Path gz = write("t." + ext + ".gz", gzip(Arrays.copyOf(good, good.length - 1)));
    assertCorrupt(gz, () -> VectorFiles.readAll(gz), "record 4", "truncated");
    assertEquals(4, VectorFiles.readAll(gz, 4).length);
    // cut inside the dimension field of the last record
    int recordBytes = good.length / 5;
    Path gz2 = write("t2." + ext + ".gz", gzip(Arrays.copyOf(good, 4 * recordBytes + 2)));
    assertCorrupt(gz2, () -> VectorFiles.readAll(gz2), "record 4", "dimension field");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fvecs", "ivecs", "bvecs"})
  void dimensionChangeMidFile(String ext) throws IOException {
    byte[] bytes = sample(ext);
    int recordBytes = bytes.length / 5;
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(2 * recordBytes, 4);
    Path p = write("d." + ext, bytes);
    CorruptFileException e =
        assertCorrupt(
            p,
            () -> VectorFiles.readAll(p),
            "record 2",
            "offset " + 2 * recordBytes,
            "dimension 4 differs");
    assertEquals(2 * recordBytes, e.offset());
  }

  @Test
  void longerRecordMidFileIsNamedNotCalledTruncation() throws IOException {
    float[][] v = {{1f, 2f}, {3f, 4f}, {5f, 6f, 7f}, {8f, 9f}};
    ByteBuffer b = ByteBuffer.allocate(4 * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : v) {
      b.putInt(row.length);
      for (float x : row) {
        b.putFloat(x);
      }
    }
    Path p = write("mixed.fvecs", b.array());
    assertCorrupt(p, () -> VectorFiles.readAll(p), "record 2", "offset 24", "dimension 3 differs");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5, Integer.MIN_VALUE, 1 << 30, Integer.MAX_VALUE})
  void impossibleVecsDimension(int dim) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putInt(dim);
    Path p = write("x.fvecs", b.array());
    assertCorrupt(p, () -> VectorFiles.readAll(p), "impossible dimension " + dim);
    Path gz = write("x.fvecs.gz", gzip(b.array()));
    assertCorrupt(gz, () -> VectorFiles.readAll(gz), "impossible dimension " + dim);
  }

  @Test
  void vecsShorterThanItsFirstDimension() throws IOException {
    Path p = write("s.ivecs", new byte[] {1, 0});
    assertCorrupt(p, () -> VectorFiles.readIntsAll(p), "record 0", "first dimension field");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fbin", "ibin", "u8bin"})
  void truncatedOrPaddedBin(String ext) throws IOException {
    byte[] good = sample(ext);
    Path p = write("t." + ext, Arrays.copyOf(good, good.length - 1));
    assertCorrupt(p, () -> VectorReader.open(p).close(), "record 4", "truncated", "5 vectors");
    Path pad = write("p." + ext, Arrays.copyOf(good, good.length + 3));
    assertCorrupt(pad, () -> VectorReader.open(pad).close(), "header", "trailing bytes");
    Path gz = write("t." + ext + ".gz", gzip(Arrays.copyOf(good, good.length - 1)));
    assertCorrupt(gz, () -> VectorFiles.readAll(gz), "record 4", "truncated");
    Path shortHeader = write("h." + ext, new byte[] {5, 0, 0, 0, 3});
    assertCorrupt(shortHeader, () -> VectorFiles.readAll(shortHeader), "8-byte header");
  }

  @Test
  void impossibleBinHeaders() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 16).order(ByteOrder.LITTLE_ENDIAN);
    Path neg = write("n.fbin", b.putInt(0, -1).putInt(4, 4).array());
    assertCorrupt(neg, () -> VectorFiles.readAll(neg), "negative vector count -1");
    Path zeroDim = write("z.fbin", b.putInt(0, 4).putInt(4, 0).array());
    assertCorrupt(zeroDim, () -> VectorFiles.readAll(zeroDim), "impossible dimension 0");
    Path hugeDim = write("d.fbin", b.putInt(0, 1).putInt(4, Integer.MAX_VALUE).array());
    assertCorrupt(hugeDim, () -> VectorFiles.readAll(hugeDim), "impossible dimension");
    // a header promising ~8 TB must fail on the size check, not try to allocate
    Path huge = write("c.fbin", b.putInt(0, Integer.MAX_VALUE).putInt(4, 1000).array());
    assertCorrupt(huge, () -> VectorFiles.readAll(huge), "2147483647 vectors", "truncated");
    Path hugeGz = write("c.fbin.gz", gzip(b.array()));
    assertCorrupt(hugeGz, () -> VectorFiles.readAll(hugeGz), "record 0", "truncated");
  }

  @Test
  void damagedGzipStream() throws IOException {
    byte[] gz = gzip(sample("fvecs"));
    Path p = write("g.fvecs.gz", Arrays.copyOf(gz, gz.length - 12));
    assertCorrupt(p, () -> VectorFiles.readAll(p), "gzip");
    Path stub = write("s.fbin.gz", Arrays.copyOf(gz, 5));
    assertCorrupt(stub, () -> VectorFiles.readAll(stub), "header", "gzip");
  }

  private static byte[] npy(int major, String dict, int dataBytes) {
    byte[] h = dict.getBytes(StandardCharsets.ISO_8859_1);
    int lenBytes = major == 1 ? 2 : 4;
    ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + h.length + dataBytes);
    b.order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
    b.put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) h.length);
    } else {
      b.putInt(h.length);
    }
    return b.put(h).array();
  }

  private static String dict(String descr, String fortran, String shape) {
    return "{'descr': '"
        + descr
        + "', 'fortran_order': "
        + fortran
        + ", 'shape': "
        + shape
        + ", }\n";
  }

  @Test
  void npyVersionsTwoAndThreeAndUint8() throws IOException {
    byte[] v2 = npy(2, dict("<f4", "False", "(2, 1)"), 8);
    ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putFloat(v2.length - 8, 0.25f);
    Path p = write("v2.npy", v2);
    assertArrayEquals(new float[][] {{0.25f}, {0f}}, VectorFiles.readAll(p));
    Path p3 = write("v3.npy", npy(3, dict("|u1", "False", "(1, 3)"), 3));
    try (VectorReader r = VectorReader.open(p3)) {
      assertEquals(3, r.dimension());
      assertTrue(r.holdsIntegers());
    }
    byte[] u8 = npy(1, dict("|u1", "False", "(2L, 2L)"), 4);
    u8[u8.length - 1] = (byte) 200;
    Path pu = write("u.npy", u8);
    assertArrayEquals(new int[][] {{0, 0}, {0, 200}}, VectorFiles.readIntsAll(pu));
  }

  @Test
  void badNpyHeaders() throws IOException {
    Path notNpy = write("a.npy", "not a numpy file".getBytes(StandardCharsets.US_ASCII));
    assertCorrupt(notNpy, () -> VectorFiles.readAll(notNpy), "header", "magic");
    Path tiny = write("b.npy", new byte[] {(byte) 0x93, 'N'});
    assertCorrupt(tiny, () -> VectorFiles.readAll(tiny), "preamble");
    byte[] v9 = npy(1, dict("<f4", "False", "(1, 1)"), 4);
    v9[6] = 9;
    Path version = write("c.npy", v9);
    assertCorrupt(version, () -> VectorFiles.readAll(version), "version 9.0");
    byte[] longHeader = npy(2, dict("<f4", "False", "(1, 1)"), 4);
    ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE - 1);
    Path len = write("d.npy", longHeader);
    assertCorrupt(len, () -> VectorFiles.readAll(len), "header length");
    Path lenGz = write("d.npy.gz", gzip(longHeader));
    assertCorrupt(lenGz, () -> VectorFiles.readAll(lenGz), "header length");
    String[][] cases = {
      {dict("<f8", "False", "(1, 1)"), "dtype '<f8'"},
      {dict(">f4", "False", "(1, 1)"), "dtype '>f4'"},
      {dict("<f4", "True", "(1, 1)"), "fortran_order"},
      {dict("<f4", "False", "(4,)"), "not a 2-D shape"},
      {dict("<f4", "False", "(1, 2, 2)"), "not a 2-D shape"},
      {dict("<f4", "False", "(1, 99999999)"), "impossible dimension"},
      {dict("<f4", "False", "(-1, 4)"), "not a 2-D shape"},
      {"{'descr': '<f4'}", "lacks"},
      {"[1, 2]", "not a dictionary"},
    };
    for (String[] c : cases) {
      Path p = write("e.npy", npy(1, c[0], 4));
      assertCorrupt(p, () -> VectorFiles.readAll(p), "header", c[1]);
    }
    Path shortData = write("f.npy", npy(1, dict("<f4", "False", "(3, 2)"), 20));
    assertCorrupt(shortData, () -> VectorFiles.readAll(shortData), "record 2", "truncated");
    Path huge = write("g.npy", npy(1, dict("<f4", "False", "(999999999999999999, 8)"), 4));
    assertCorrupt(huge, () -> VectorFiles.readAll(huge), "impossible vector count");
  }
}
