package io.hnsw4j.store.model;

/**
 * Every error the store reports. Its {@link Kind} tells a caller (the HTTP server) how to answer:
 * a bad request, a missing collection or point, a conflict with what exists, or an internal
 * failure (I/O, a corrupt file). The message names the problem and the value at fault. A request
 * that fails with BAD_REQUEST, NOT_FOUND or CONFLICT changed nothing stored.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, coarsely: maps onto HTTP 400, 404, 409 and 500. */
  public enum Kind {
    BAD_REQUEST,
    NOT_FOUND,
    CONFLICT,
    INTERNAL
  }

  private final Kind kind;

  public StoreException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What went wrong, for choosing a status code. */
  public Kind kind() {
    return kind;
  }

  public static StoreException badRequest(String message) {
    return new StoreException(Kind.BAD_REQUEST, message);
  }

  public static StoreException notFound(String message) {
    return new StoreException(Kind.NOT_FOUND, message);
  }

  public static StoreException conflict(String message) {
    return new StoreException(Kind.CONFLICT, message);
  }

  public static StoreException internal(String message, Throwable cause) {
    return new StoreException(Kind.INTERNAL, message, cause);
  }
}
