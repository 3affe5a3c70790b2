package io.hnsw4j.format;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The funnel fields of a version-2 header (see {@link FileHeader}): prefix count P, P prefix
 * lengths, rotation code. P = 0 in a version-2 file without a funnel (one with traversal records).
 *
 * @param prefixes the prefix lengths (none when P = 0), or null in a version-1 header
 * @param rotation {@link StoredConfig#ROTATION_NONE} or {@link StoredConfig#ROTATION_PCA}
 */
record FunnelFields(int[] prefixes, int rotation) {
  static final FunnelFields NONE = new FunnelFields(null, StoredConfig.ROTATION_NONE);
  /** Most prefix lengths (as the API's Funnel.MAX_STAGES). */
  static final int MAX_PREFIXES = 8;

  /** The prefixes as the configuration holds them: null without a funnel. */
  int[] stored() {
    return prefixes == null || prefixes.length == 0 ? null : prefixes;
  }

  /** Bytes the fields take in the header. */
  int bytes() {
    return prefixes == null ? 0 : 8 + 4 * prefixes.length;
  }

  /**
   * Reads the fields at byte {@code at} of a header of {@code length} bytes (its last 4 are the
   * CRC), checking that they fit before reading them.
   */
  static FunnelFields read(Path file, ByteBuffer b, long at, int length) throws FormatException {
    if (at < 96 || at + 8 > length - 4) {
      throw new FormatException(file, "the header of " + length + " bytes has no room for its funnel fields");
    }
    int count = b.getInt((int) at);
    if (count < 0 || count > MAX_PREFIXES) {
      throw new FormatException(file, "bad funnel prefix count " + count + " (a version-2 file holds 0.." + MAX_PREFIXES + ")");
    }
    if (at + 8 + 4L * count > length - 4) {
      throw new FormatException(file, "the header of " + length + " bytes has no room for " + count + " funnel prefixes");
    }
    int[] prefixes = new int[count];
    for (int i = 0; i < count; i++) {
      prefixes[i] = b.getInt((int) at + 4 + 4 * i);
    }
    return new FunnelFields(prefixes, b.getInt((int) at + 4 + 4 * count));
  }

  /** Checks the fields against the rest of the configuration. */
  void check(Path file, StoredConfig config) throws FormatException {
    if (prefixes == null) {
      return;
    }
    if (prefixes.length == 0) {
      if (rotation != StoredConfig.ROTATION_NONE) {
        throw new FormatException(file, "invalid configuration: funnel rotation code " + rotation + " without a funnel");
      }
      return;
    }
    int previous = 0;
    for (int p : prefixes) {
      if (p <= previous || p > config.dimension()) {
        throw new FormatException(
            file, "invalid configuration: funnel prefixes " + Arrays.toString(prefixes)
                + " are not strictly increasing within 1.." + config.dimension());
      }
      previous = p;
    }
    if (rotation != StoredConfig.ROTATION_NONE && rotation != StoredConfig.ROTATION_PCA) {
      throw new FormatException(file, "invalid configuration: unknown funnel rotation code " + rotation);
    }
    if (config.quantization() != StoredConfig.QUANTIZATION_NONE || config.metricCode() == StoredConfig.CUSTOM) {
      throw new FormatException(
          file, "invalid configuration: a funnel with quantized traversal or a custom metric");
    }
  }
}
