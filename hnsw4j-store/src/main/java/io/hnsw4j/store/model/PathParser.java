package io.hnsw4j.store.model;

import java.util.ArrayList;
import java.util.List;

/** Parses the text of a {@link FieldPath}: {@code key ( .key | [] | [n] )*}, keys plain or quoted. */
final class PathParser {
  private static final int MAX_LENGTH = 1024;

  private PathParser() {}

  /** Whether a key can be written without quotes. */
  static boolean plain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.' || c == '[' || c == ']' || c == '"' || Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  static List<FieldPath.Segment> parse(String key) {
    if (key == null || key.isEmpty()) {
      throw StoreException.badRequest("payload key must not be empty");
    }
    if (key.length() > MAX_LENGTH) {
      throw StoreException.badRequest("payload key is longer than " + MAX_LENGTH + " characters");
    }
    List<FieldPath.Segment> out = new ArrayList<>();
    int i = 0;
    boolean expectKey = true;
    while (i < key.length()) {
      char c = key.charAt(i);
      if (expectKey) {
        i = readKey(key, i, out);
        expectKey = false;
      } else if (c == '.') {
        if (i + 1 >= key.length()) {
          throw bad(key, "ends with '.'");
        }
        expectKey = true;
        i++;
      } else if (c == '[') {
        int close = key.indexOf(']', i);
        if (close < 0) {
          throw bad(key, "'[' at " + i + " is not closed");
        }
        String inside = key.substring(i + 1, close);
        if (inside.isEmpty()) {
          out.add(new FieldPath.Each());
        } else if (inside.chars().allMatch(Character::isDigit) && inside.length() <= 9) {
          out.add(new FieldPath.Index(Integer.parseInt(inside)));
        } else {
          throw bad(key, "'[" + inside + "]' is neither [] nor an array index");
        }
        i = close + 1;
      } else {
        throw bad(key, "unexpected '" + c + "' at " + i);
      }
    }
    return out;
  }

  private static int readKey(String key, int start, List<FieldPath.Segment> out) {
    if (key.charAt(start) == '"') {
      int close = key.indexOf('"', start + 1);
      if (close < 0) {
        throw bad(key, "quote at " + start + " is not closed");
      }
      out.add(new FieldPath.Key(key.substring(start + 1, close)));
      return close + 1;
    }
    int i = start;
    while (i < key.length() && key.charAt(i) != '.' && key.charAt(i) != '[') {
      char c = key.charAt(i);
      if (c == ']' || c == '"') {
        throw bad(key, "unexpected '" + c + "' at " + i);
      }
      i++;
    }
    if (i == start) {
      throw bad(key, "empty field name at " + start);
    }
    out.add(new FieldPath.Key(key.substring(start, i)));
    return i;
  }

  private static StoreException bad(String key, String why) {
    return StoreException.badRequest("invalid payload key '" + key + "': " + why);
  }
}
