package io.hnsw4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads an integral column (the items' ids, or the user's shard column) as {@code long}. hnsw4j
 * stores {@code long} ids; byte, short, int and long columns are accepted, and a null is an error.
 */
final class IdColumn implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<DataType> INTEGRAL =
      List.of(DataTypes.LongType, DataTypes.IntegerType, DataTypes.ShortType, DataTypes.ByteType);

  private final String name;
  private final int index;

  private IdColumn(String name, int index) {
    this.name = name;
    this.index = index;
  }

  /**
   * The reader of column {@code name}.
   *
   * @param role what the column is for, in error messages ("the id column")
   * @throws IllegalArgumentException if the column is missing or not integral
   */
  static IdColumn of(StructType schema, String name, String role) {
    checkType(schema, name, role);
    return new IdColumn(name, schema.fieldIndex(name));
  }

  /** The reader of column {@code name}, or null if the schema has no such column. */
  static IdColumn ifPresent(StructType schema, String name) {
    if (!List.of(schema.fieldNames()).contains(name) || !INTEGRAL.contains(schema.apply(name).dataType())) {
      return null;
    }
    return new IdColumn(name, schema.fieldIndex(name));
  }

  static void checkType(StructType schema, String name, String role) {
    if (!List.of(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          "no column '" + name + "' among " + List.of(schema.fieldNames()) + " (" + role + ")");
    }
    DataType type = schema.apply(name).dataType();
    if (!INTEGRAL.contains(type)) {
      throw new IllegalArgumentException(
          "column '" + name + "' (" + role + ") has type " + type.simpleString()
              + "; it must be integral (long, int, short or byte)");
    }
  }

  /**
   * The row's value.
   *
   * @param where where the row is, for the error if the value is null ("in a row with features
   *     [0.1, ...]", "in the row with id 17")
   */
  long read(Row row, String where) {
    if (row.isNullAt(index)) {
      throw new IllegalArgumentException("column '" + name + "' is null " + where);
    }
    return ((Number) row.get(index)).longValue();
  }

  /** How to name a row by this column in error messages: "id 17", or "a null id". */
  String describe(Row row) {
    return row.isNullAt(index) ? "a null " + name : name + " " + row.get(index);
  }
}
