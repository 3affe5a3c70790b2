package io.hnsw4j.server.http;

import io.hnsw4j.store.model.StoreException;

/**
 * An HTTP-level refusal with its status code: an unknown route, a missing or wrong key, a body
 * over the limit, a feature of Qdrant's API that hnsw4j does not implement. Store errors travel
 * as {@link StoreException}s and are mapped by {@link #statusOf(StoreException)}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status code to answer with. */
  public int status() {
    return status;
  }

  /** 400: the request is malformed or asks for something out of range. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** 404: no such route or object. */
  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  /** 501: a part of Qdrant's API that hnsw4j does not implement. */
  public static ApiException notImplemented(String message) {
    return new ApiException(501, message);
  }

  /** Qdrant's status codes for the store's error kinds. */
  public static int statusOf(StoreException e) {
    return switch (e.kind()) {
      case BAD_REQUEST -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case INTERNAL -> 500;
    };
  }
}
