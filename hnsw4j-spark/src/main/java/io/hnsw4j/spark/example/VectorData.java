package io.hnsw4j.spark.example;

import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/** Vector files (the formats hnsw4j-datasets reads) as DataFrames of (id = row number, features). */
final class VectorData {
  static final StructType SCHEMA =
      new StructType().add("id", DataTypes.LongType, false).add("features", SQLDataTypes.VectorType(), false);

  private VectorData() {}

  /** Reads a vector file; {@code dataset} is the HDF5 dataset when the spec names none. */
  static float[][] read(String spec, String dataset) throws IOException {
    return VectorFiles.readFloats(VectorSource.parse(spec, null).withDefaultDataset(dataset), -1);
  }

  /** Reads ground-truth ids (ivecs, ibin, or an HDF5 "neighbors" dataset). */
  static int[][] readIds(String spec) throws IOException {
    return VectorFiles.readInts(VectorSource.parse(spec, null).withDefaultDataset("neighbors"), -1);
  }

  /** The vectors as a DataFrame; rows are made in the tasks, so the driver holds only the arrays. */
  static Dataset<Row> frame(SparkSession spark, float[][] vectors, int partitions) {
    List<Tuple2<Long, float[]>> rows = new ArrayList<>(vectors.length);
    for (int i = 0; i < vectors.length; i++) {
      rows.add(new Tuple2<>((long) i, vectors[i]));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(
        jsc.parallelize(rows, partitions).map(row -> RowFactory.create(row._1(), Vectors.dense(toDoubles(row._2())))), SCHEMA);
  }

  private static double[] toDoubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
