package io.hnsw4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a vector column of a row as {@code float[]}: a Spark ML {@link Vector} (dense or sparse),
 * {@code array<float>} or {@code array<double>}. Every value is checked (null, null component,
 * dimension, NaN or infinity, and a zero vector under the cosine metric), and a bad one throws
 * {@link IllegalArgumentException} naming the row, so that a user can find it in the data.
 */
final class VectorColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Type {
    VECTOR,
    FLOAT_ARRAY,
    DOUBLE_ARRAY
  }

  private final String name;
  private final int index;
  private final Type type;

  private VectorColumn(String name, int index, Type type) {
    this.name = name;
    this.index = index;
    this.type = type;
  }

  /**
   * The reader of column {@code name} of rows with this schema.
   *
   * @throws IllegalArgumentException if there is no such column or it holds no vectors
   */
  static VectorColumn of(StructType schema, String name) {
    checkType(schema, name);
    DataType type = schema.apply(name).dataType();
    int index = schema.fieldIndex(name);
    if (type.equals(SQLDataTypes.VectorType())) {
      return new VectorColumn(name, index, Type.VECTOR);
    }
    DataType element = ((ArrayType) type).elementType();
    return new VectorColumn(name, index, element.equals(DataTypes.FloatType) ? Type.FLOAT_ARRAY : Type.DOUBLE_ARRAY);
  }

  /** Checks that the schema has a vector column of this name, without making a reader. */
  static void checkType(StructType schema, String name) {
    if (!List.of(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          "no column '" + name + "' among " + List.of(schema.fieldNames()) + " (the features column)");
    }
    DataType type = schema.apply(name).dataType();
    boolean supported =
        type.equals(SQLDataTypes.VectorType())
            || type instanceof ArrayType array
                && (array.elementType().equals(DataTypes.FloatType) || array.elementType().equals(DataTypes.DoubleType));
    if (!supported) {
      throw new IllegalArgumentException(
          "column '" + name + "' has type " + type.simpleString()
              + "; features must be a Spark ML Vector, array<float> or array<double>");
    }
  }

  String name() {
    return name;
  }

  /**
   * The row's vector as floats.
   *
   * @param rowName how to name the row in an error ("id 17", "query row 3 of partition 0")
   * @param dimension the dimension expected, or -1 to accept any
   * @param nonZero whether a zero vector is an error (the cosine metric cannot normalise it)
   */
  float[] read(Row row, String rowName, int dimension, boolean nonZero) {
    if (row.isNullAt(index)) {
      throw new IllegalArgumentException("row with " + rowName + ": " + name + " is null");
    }
    float[] vector = type == Type.VECTOR ? fromVector(row.getAs(index)) : fromArray(row.getList(index), rowName);
    if (dimension >= 0 && vector.length != dimension) {
      throw new IllegalArgumentException(
          "row with " + rowName + ": " + name + " has " + vector.length + " components, expected " + dimension);
    }
    boolean allZero = true;
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException(
            "row with " + rowName + ": " + name + "[" + i + "] is " + vector[i] + "; components must be finite");
      }
      allZero &= vector[i] == 0f;
    }
    if (vector.length == 0) {
      throw new IllegalArgumentException("row with " + rowName + ": " + name + " is empty");
    }
    if (nonZero && allZero) {
      throw new IllegalArgumentException(
          "row with " + rowName + ": " + name + " is all zeros; the cosine metric needs a non-zero vector");
    }
    return vector;
  }

  private static float[] fromVector(Vector v) {
    float[] out = new float[v.size()];
    double[] values = v.toArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private float[] fromArray(List<Object> values, String rowName) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object x = values.get(i);
      if (x == null) {
        throw new IllegalArgumentException("row with " + rowName + ": " + name + "[" + i + "] is null");
      }
      out[i] = ((Number) x).floatValue();
    }
    return out;
  }
}
