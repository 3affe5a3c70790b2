package io.hnsw4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Seeded vectors, the DataFrames that hold them, and brute-force answers computed here, apart from hnsw4j. */
final class TestData {
  /** How a DataFrame stores the vectors. */
  enum Layout {
    VECTOR,
    FLOAT_ARRAY,
    DOUBLE_ARRAY
  }

  private TestData() {}

  /** Gaussian clusters: {@code clusters} random centres, points spread around them. */
  static float[][] clustered(int n, int dimension, int clusters, long seed) {
    Random random = new Random(seed);
    float[][] centres = new float[clusters][dimension];
    for (float[] centre : centres) {
      for (int j = 0; j < dimension; j++) {
        centre[j] = (float) (random.nextGaussian() * 4);
      }
    }
    float[][] out = new float[n][dimension];
    for (float[] v : out) {
      float[] centre = centres[random.nextInt(clusters)];
      for (int j = 0; j < dimension; j++) {
        v[j] = centre[j] + (float) random.nextGaussian();
      }
    }
    return out;
  }

  /** Items with ids {@code firstId, firstId + 1, ...} in {@code partitions} partitions. */
  static Dataset<Row> frame(SparkSession spark, float[][] vectors, long firstId, Layout layout, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      rows.add(RowFactory.create(firstId + i, value(vectors[i], layout)));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("features", type(layout), true);
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  static Object value(float[] v, Layout layout) {
    if (v == null) {
      return null;
    }
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return switch (layout) {
      case VECTOR -> Vectors.dense(d);
      case FLOAT_ARRAY -> {
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
          boxed[i] = v[i];
        }
        yield boxed;
      }
      case DOUBLE_ARRAY -> Arrays.stream(d).boxed().toArray(Double[]::new);
    };
  }

  static DataType type(Layout layout) {
    return switch (layout) {
      case VECTOR -> SQLDataTypes.VectorType();
      case FLOAT_ARRAY -> DataTypes.createArrayType(DataTypes.FloatType, false);
      case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
    };
  }

  /** One neighbour as a test compares it: exactly. */
  record Neighbor(long id, float distance) {}

  /** The output column of a transform, by the query's id. */
  static java.util.Map<Long, List<Neighbor>> neighborsById(Dataset<Row> transformed, String outputCol) {
    java.util.Map<Long, List<Neighbor>> out = new java.util.TreeMap<>();
    for (Row row : transformed.select("id", outputCol).collectAsList()) {
      List<Row> list = row.getList(1);
      out.put(row.getLong(0), list.stream().map(n -> new Neighbor(n.getLong(0), n.getFloat(1))).toList());
    }
    return out;
  }

  /** The metric's distance, computed in double here: squared L2, 1 - cosine, 1 - dot. */
  static double distance(String metric, float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    double l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
      l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return switch (metric) {
      case "l2" -> l2;
      case "cosine" -> 1 - dot / Math.sqrt(aa * bb);
      case "ip" -> 1 - dot;
      default -> throw new IllegalArgumentException(metric);
    };
  }

  /** The ids ({@code firstId + index}) of the k nearest items to the query, nearest first. */
  static long[] bruteForce(String metric, float[][] items, long firstId, float[] query, int k) {
    return IntStream.range(0, items.length)
        .boxed()
        .sorted(Comparator.comparingDouble(i -> distance(metric, items[i], query)))
        .limit(k)
        .mapToLong(i -> firstId + i)
        .toArray();
  }
}
