package io.hnsw4j.spark;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns the k-NN stages read and add. */
final class KnnSchema {
  /** One neighbour: its id and its distance to the query (smaller is closer). */
  static final StructType NEIGHBOR =
      new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("distance", DataTypes.FloatType, false)
      });

  /** A pair of the self-join: an item, one of its neighbours, their distance. */
  static final StructType PAIR =
      new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("neighbor", DataTypes.LongType, false),
        DataTypes.createStructField("distance", DataTypes.FloatType, false)
      });

  private KnnSchema() {}

  /**
   * The schema with the output column added, after checking the features column.
   *
   * @throws IllegalArgumentException if the features column is missing or of another type, or the
   *     output column exists already
   */
  static StructType withNeighbors(StructType schema, String featuresCol, String outputCol) {
    VectorColumn.checkType(schema, featuresCol);
    if (List.of(schema.fieldNames()).contains(outputCol)) {
      throw new IllegalArgumentException(
          "output column '" + outputCol + "' exists already; choose another with setOutputCol");
    }
    return schema.add(DataTypes.createStructField(outputCol, DataTypes.createArrayType(NEIGHBOR, false), false));
  }
}
