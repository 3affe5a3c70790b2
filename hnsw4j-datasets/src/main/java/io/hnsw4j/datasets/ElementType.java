package io.hnsw4j.datasets;

/** How one vector component is stored on disk. */
enum ElementType {
  FLOAT32(4, "float32"),
  INT32(4, "int32"),
  UINT8(1, "uint8");

  final int bytes;
  final String label;

  ElementType(int bytes, String label) {
    this.bytes = bytes;
    this.label = label;
  }

  boolean integral() {
    return this != FLOAT32;
  }
}
