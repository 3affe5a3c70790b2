package io.hnsw4j.server.http;

/**
 * One endpoint: a method, a path template such as {@code /collections/{collection_name}/points},
 * the access it needs, and the code that answers it. The template also names the endpoint in
 * metrics, so that labels stay few whatever paths clients send.
 */
public record Route(String method, String template, Access access, Endpoint endpoint) {

  /** The template's segments (without the leading slash). */
  String[] segments() {
    return template.equals("/") ? new String[0] : template.substring(1).split("/");
  }

  int literalCount() {
    int n = 0;
    for (String s : segments()) {
      n += s.startsWith("{") ? 0 : 1;
    }
    return n;
  }

  /** The code behind a route. */
  @FunctionalInterface
  public interface Endpoint {
    /** Answers one request; throws {@link ApiException} or a store exception to refuse it. */
    Reply handle(ApiRequest request) throws Exception;
  }
}
