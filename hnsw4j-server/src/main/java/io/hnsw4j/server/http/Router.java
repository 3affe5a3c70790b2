package io.hnsw4j.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a method and a path to a {@link Route}. Templates are paths whose segments are literals or
 * {@code {name}} parameters; when several templates match a path, the one with the most literal
 * segments wins ({@code /points/scroll} before {@code /points/{id}}). A trailing slash is ignored,
 * as Qdrant ignores it. Path segments are percent-decoded one by one, so an encoded {@code /}
 * stays inside its segment.
 */
public final class Router {
  /** A route matched to a path, with its parameters decoded. */
  public record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; a second route with the same method and template is a programming error. */
  public void add(Route route) {
    for (Route r : routes) {
      if (r.method().equals(route.method()) && r.template().equals(route.template())) {
        throw new IllegalStateException("duplicate route " + route.method() + " " + route.template());
      }
    }
    routes.add(route);
  }

  /** Every route, in the order added. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * The route for a request: 404 if no template matches the path, 405 if templates match it but
   * none for this method.
   */
  public Match match(String method, String rawPath) {
    String[] segments = split(rawPath);
    Match best = null;
    int bestLiterals = -1;
    List<String> allowed = new ArrayList<>();
    for (Route route : routes) {
      Map<String, String> params = bind(route.segments(), segments);
      if (params == null) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      int literals = route.literalCount();
      if (literals > bestLiterals) {
        best = new Match(route, params);
        bestLiterals = literals;
      }
    }
    if (best != null) {
      return best;
    }
    if (!allowed.isEmpty()) {
      throw new ApiException(405, "method " + method + " is not allowed on " + rawPath + "; allowed: " + String.join(", ", allowed));
    }
    throw ApiException.notFound("no route for " + method + " " + rawPath);
  }

  private static String[] split(String rawPath) {
    String path = rawPath;
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals("/") || path.isEmpty()) {
      return new String[0];
    }
    return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
  }

  private static Map<String, String> bind(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{")) {
        String value = decode(path[i]);
        if (value == null || value.isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), value);
      } else if (!t.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String decode(String segment) {
    try {
      // URLDecoder would read '+' as a space; in a path it is a plus.
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed percent-encoding in path segment '" + segment + "'");
    }
  }
}
