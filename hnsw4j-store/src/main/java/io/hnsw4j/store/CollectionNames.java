package io.hnsw4j.store;

import io.hnsw4j.store.model.StoreException;
import java.util.regex.Pattern;

/**
 * Collection names: 1 to 255 letters, digits, {@code _}, {@code -} and {@code .}, not starting
 * with {@code .}. A name is a directory name under the data directory, so nothing that could
 * climb out of it ({@code /}, {@code \}, {@code ..}) or hide (a leading dot) is accepted.
 */
final class CollectionNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}");

  private CollectionNames() {}

  static String check(String name) {
    if (name == null || !VALID.matcher(name).matches() || name.contains("..")) {
      throw StoreException.badRequest(
          "invalid collection name '" + name + "': use 1 to 255 letters, digits, '_', '-' and '.', not starting with '.'");
    }
    return name;
  }

  static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches() && !name.contains("..");
  }
}
