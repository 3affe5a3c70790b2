package io.hnsw4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * One request as endpoints see it: path parameters, query parameters read strictly, and the body
 * read at most once, bounded by {@code maxBodyBytes} and parsed by {@link Json#MAPPER}. A body over
 * the limit is refused with 413 before it is read when its length is declared, and as soon as the
 * limit is passed otherwise.
 */
public final class ApiRequest {
  private final Request request;
  private final Map<String, String> pathParams;
  private final Fields query;
  private final long maxBodyBytes;
  private JsonNode body;

  ApiRequest(Request request, Map<String, String> pathParams, long maxBodyBytes) {
    this.request = request;
    this.pathParams = pathParams;
    this.query = Request.extractQueryParameters(request);
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The Jetty request, for endpoints that read the body themselves (snapshot uploads). */
  public Request jettyRequest() {
    return request;
  }

  /** A path parameter of the route's template. */
  public String path(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("the route has no parameter " + name);
    }
    return value;
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return query.getValue(name);
  }

  /** A boolean query parameter ({@code true} or {@code false}); 400 for anything else. */
  public boolean queryFlag(String name, boolean fallback) {
    String value = query(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest("query parameter " + name + " must be true or false, got '" + value + "'");
    };
  }

  /** The body as JSON: a missing node when the body is empty; 400 when it is not JSON. */
  public JsonNode body() {
    if (body == null) {
      body = parse(readBody());
    }
    return body;
  }

  /** The body, which must be a JSON object. */
  public JsonNode bodyObject() {
    JsonNode node = body();
    if (!node.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object" + (node.isMissingNode() ? "; it is empty" : ", got " + kind(node)));
    }
    return node;
  }

  private byte[] readBody() {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    try (InputStream in = Request.asInputStream(request)) {
      int cap = (int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8);
      byte[] bytes = in.readNBytes(cap);
      if (bytes.length > maxBodyBytes) {
        throw tooLarge(-1);
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  private ApiException tooLarge(long declared) {
    return new ApiException(413, "the request body" + (declared >= 0 ? " (" + declared + " bytes)" : "")
        + " is larger than the limit of " + maxBodyBytes + " bytes");
  }

  private static JsonNode parse(byte[] bytes) {
    if (isBlank(bytes)) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Format error in JSON body: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw ApiException.badRequest("Format error in JSON body: " + e.getMessage());
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
