package io.hnsw4j.vector;

/**
 * Writes one {@link Int4Codes} record: the vector's range [min, max] cut into 16 levels, offset =
 * min and scale = (max - min) / 15, so that component i is about offset + scale * code[i], then
 * the codes two to a byte (component 2t in the low nibble of byte t).
 *
 * <p>Min and max, not a clipped range or a least-squares fit of offset and scale: on glove-100
 * and 384-d sentence embeddings, clipping at 1.5-3 standard deviations (whichever reconstructs the
 * vector best) and refitting offset and scale moved recall at equal ef by less than 0.01 either
 * way (ef 10 to 160), so the plain range stays.
 */
final class Int4Encoder {
  private Int4Encoder() {}

  /**
   * Encodes {@code x} (a vector minus the codes' centroid) into the record at {@code at}.
   *
   * @param centroid for dot products the centroid c, whose c.x the record keeps; null for L2,
   *     whose record keeps |x|^2
   */
  static void encode(float[] x, float[] centroid, byte[] chunk, int at) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    double third = 0;
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
      third += centroid == null ? (double) v * v : (double) centroid[i] * v;
    }
    float scale = max > min ? (max - min) / 15f : 1f;
    Int4Codes.FLOAT.set(chunk, at, min);
    Int4Codes.FLOAT.set(chunk, at + 4, scale);
    Int4Codes.FLOAT.set(chunk, at + 8, (float) third);
    int base = at + Int4Codes.HEADER;
    for (int i = 0; i < x.length; i += 2) {
      int low = level(x[i], min, scale);
      int high = i + 1 < x.length ? level(x[i + 1], min, scale) : 0;
      chunk[base + (i >>> 1)] = (byte) (low | high << 4);
    }
  }

  private static int level(float v, float min, float scale) {
    return Math.clamp(Math.round((v - min) / scale), 0, 15);
  }
}
