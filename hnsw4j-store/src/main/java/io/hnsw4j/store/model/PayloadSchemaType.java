package io.hnsw4j.store.model;

import java.util.Locale;

/** The kinds of payload index, with Qdrant's names. */
public enum PayloadSchemaType {
  /** Exact string values: match value / any. */
  KEYWORD,
  /** Integers: match value / any and ranges. */
  INTEGER,
  /** Numbers: ranges. */
  FLOAT,
  /** Booleans: match value. */
  BOOL,
  /** RFC 3339 date-times: ranges. */
  DATETIME,
  /** Full text: match text (every word of the query present). */
  TEXT;

  /** Qdrant's name: keyword, integer, float, bool, datetime, text. */
  public String qdrantName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses Qdrant's name; BAD_REQUEST naming the supported kinds otherwise. */
  public static PayloadSchemaType parse(String name) {
    if (name != null) {
      for (PayloadSchemaType t : values()) {
        if (t.qdrantName().equals(name.toLowerCase(Locale.ROOT))) {
          return t;
        }
      }
    }
    throw StoreException.badRequest(
        "unknown payload index type '" + name + "'; expected one of keyword, integer, float, bool, datetime, text");
  }
}
