package io.hnsw4j.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the key a request carries ({@code api-key} header, or {@code Authorization: Bearer}) as
 * Qdrant does: the full key may do anything, the read-only key only {@link Access#READ} routes.
 * Keys are compared in constant time ({@link MessageDigest#isEqual}), so the time a wrong key takes
 * to refuse tells nothing about how much of it was right.
 */
public final class ApiKeys {
  private final byte[] full;
  private final byte[] readOnly;

  /** Either key may be null (not configured); with both null every request is allowed. */
  public ApiKeys(String fullKey, String readOnlyKey) {
    this.full = fullKey == null ? null : fullKey.getBytes(StandardCharsets.UTF_8);
    this.readOnly = readOnlyKey == null ? null : readOnlyKey.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Throws 401 when a key is needed and none or a wrong one was given, 403 when the read-only key
   * asks for a write.
   */
  public void check(Access needed, String apiKeyHeader, String authorizationHeader) {
    if (needed == Access.OPEN || (full == null && readOnly == null)) {
      return;
    }
    String given = apiKeyHeader;
    if (given == null && authorizationHeader != null && authorizationHeader.startsWith("Bearer ")) {
      given = authorizationHeader.substring("Bearer ".length());
    }
    if (given == null) {
      throw new ApiException(401, "Must provide an API key or an Authorization bearer token");
    }
    byte[] key = given.getBytes(StandardCharsets.UTF_8);
    // Both comparisons always run, so the answer's timing does not say which key was close.
    boolean isFull = full != null & MessageDigest.isEqual(key, full == null ? new byte[0] : full);
    boolean isReadOnly = readOnly != null & MessageDigest.isEqual(key, readOnly == null ? new byte[0] : readOnly);
    if (isFull) {
      return;
    }
    if (!isReadOnly) {
      throw new ApiException(401, "Invalid API key or JWT");
    }
    if (needed == Access.WRITE) {
      throw new ApiException(403, "Forbidden: the read-only API key cannot change data");
    }
  }
}
