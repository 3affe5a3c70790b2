package io.hnsw4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through {@link VectorSource} specs, HDF5 included, and the format names. */
class Hdf5AndSourceTest {
  @TempDir Path dir;

  @Test
  void fvecsAndIvecsRoundTrip() throws IOException {
    float[][] vectors = rows(300, 7, 1);
    Path f = dir.resolve("v.fvecs");
    VectorFiles.writeFvecs(f, vectors);
    float[][] back = VectorFiles.readFloats(VectorSource.parse(f.toString(), null), -1);
    assertEquals(300, back.length);
    for (int i = 0; i < vectors.length; i++) {
      assertArrayEquals(vectors[i], back[i]);
    }
    assertEquals(5, VectorFiles.readFloats(VectorSource.parse(f.toString(), null), 5).length);

    int[][] ids = {{1, 2, 3}, {4, 5, 6}};
    Path i = dir.resolve("gt.ivecs");
    VectorFiles.writeIvecs(i, ids);
    assertArrayEquals(ids, VectorFiles.readInts(VectorSource.parse(i.toString(), null), -1));
  }

  @Test
  void readsBvecsAndBigAnnFormats() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2 * (4 + 3)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(3).put((byte) 1).put((byte) 2).put((byte) 255);
    b.putInt(3).put((byte) 0).put((byte) 0).put((byte) 7);
    Path bvecs = dir.resolve("x.bvecs");
    Files.write(bvecs, b.array());
    float[][] rows = VectorFiles.readFloats(VectorSource.parse(bvecs.toString(), null), -1);
    assertArrayEquals(new float[] {1, 2, 255}, rows[0]);
    assertArrayEquals(new float[] {0, 0, 7}, rows[1]);

    ByteBuffer f = ByteBuffer.allocate(8 + 2 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
    f.putInt(2).putInt(2).putFloat(1.5f).putFloat(-2f).putFloat(3f).putFloat(4f);
    Path fbin = dir.resolve("x.fbin");
    Files.write(fbin, f.array());
    rows = VectorFiles.readFloats(VectorSource.parse(fbin.toString(), null), -1);
    assertArrayEquals(new float[] {3f, 4f}, rows[1]);
  }

  @Test
  void malformedFilesFailWithTheFileName() throws IOException {
    Path bad = dir.resolve("bad.fvecs");
    Files.write(bad, new byte[] {5, 0, 0, 0, 1, 2});
    IOException e = assertThrows(IOException.class,
        () -> VectorFiles.readFloats(VectorSource.parse(bad.toString(), null), -1));
    assertTrue(e.getMessage().contains("bad.fvecs"), e.getMessage());

    Path fbin = dir.resolve("bad.fbin");
    Files.write(fbin, new byte[] {9, 0, 0, 0, 9, 0, 0, 0, 1});
    e = assertThrows(IOException.class,
        () -> VectorFiles.readFloats(VectorSource.parse(fbin.toString(), null), -1));
    assertTrue(e.getMessage().contains("bad.fbin"), e.getMessage());

    assertThrows(IllegalArgumentException.class, () -> VectorSource.parse("data.txt", null));
  }

  @Test
  void formatsFromNamesAndOptions() {
    assertEquals(VectorFormat.BVECS, VectorFormat.fromPath(Path.of("a/sift_base.bvecs")));
    assertEquals(VectorFormat.IDX,
        VectorFormat.fromPath(Path.of("train-images-idx3-ubyte.gz")));
    assertEquals(VectorFormat.HDF5, VectorFormat.fromPath(Path.of("glove-100-angular.hdf5")));
    assertThrows(IllegalArgumentException.class, () -> VectorFormat.fromPath(Path.of("x.csv")));
    assertEquals(VectorFormat.NPY, VectorFormat.fromName("NPY"));
    VectorSource s = VectorSource.parse("glove.hdf5:test", null);
    assertEquals(Path.of("glove.hdf5"), s.file());
    assertEquals("test", s.dataset());
    assertEquals("train", VectorSource.parse("glove.hdf5", null).withDefaultDataset("train")
        .dataset());
  }

  @Test
  void readsAnnBenchmarksHdf5() throws IOException {
    Path file = dir.resolve("tiny-euclidean.hdf5");
    float[][] train = rows(50, 4, 2);
    float[][] test = rows(5, 4, 3);
    int[][] neighbors = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {1, 3, 5}, {2, 4, 6}};
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("train", train);
      hdf.putDataset("test", test);
      hdf.putDataset("neighbors", neighbors);
      hdf.putAttribute("distance", "euclidean");
    }
    VectorSource base = VectorSource.parse(file.toString(), null).withDefaultDataset("train");
    assertArrayEquals(train[49], VectorFiles.readFloats(base, -1)[49]);
    assertEquals(20, VectorFiles.readFloats(base, 20).length);
    assertArrayEquals(test[4],
        VectorFiles.readFloats(VectorSource.parse(file + ":test", null), -1)[4]);
    assertArrayEquals(neighbors,
        VectorFiles.readInts(VectorSource.parse(file + ":neighbors", null), -1));
    assertEquals("euclidean", VectorFiles.declaredMetric(base));
    IOException e = assertThrows(IOException.class,
        () -> VectorFiles.readFloats(VectorSource.parse(file + ":nope", null), -1));
    assertTrue(e.getMessage().contains("no dataset 'nope'"), e.getMessage());
  }

  @Test
  void truncatedHdf5IsRefusedWithTheDatasetAndSizes() throws IOException {
    Path file = dir.resolve("cut.hdf5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("train", rows(50, 16, 5));
    }
    byte[] whole = Files.readAllBytes(file);
    Path cut = dir.resolve("cut-short.hdf5");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
    IOException e = assertThrows(IOException.class,
        () -> VectorFiles.readFloats(VectorSource.parse(cut.toString(), null), -1));
    assertTrue(e.getMessage().contains("cut-short.hdf5") && e.getMessage().contains("train"),
        e.getMessage());
  }

  /** Seeded rows of uniform floats. */
  private static float[][] rows(int n, int dim, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[][] out = new float[n][dim];
    for (float[] row : out) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) random.nextDouble(-1, 1);
      }
    }
    return out;
  }
}
