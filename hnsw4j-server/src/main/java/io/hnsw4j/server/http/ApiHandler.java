package io.hnsw4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one Jetty handler: routes the request, checks its key, runs the endpoint and writes the
 * answer in Qdrant's shapes. Every failure becomes {@code {"status": {"error": "..."}, "time": s}}
 * with the status code of its kind: 400 bad input, 401 no or wrong key, 403 read-only key asking
 * to write, 404 unknown route, collection or point, 405 wrong method, 409 conflict, 413 body too
 * large, 500 internal failure (logged), 501 a part of Qdrant's API not implemented here.
 */
public final class ApiHandler extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

  /** Told of every finished request (metrics). */
  @FunctionalInterface
  public interface Listener {
    /** {@code route} is the matched template, or "unmatched". */
    void completed(String method, String route, int status, long nanos);
  }

  private final Router router;
  private final ApiKeys keys;
  private final long maxBodyBytes;
  private final Listener listener;

  public ApiHandler(Router router, ApiKeys keys, long maxBodyBytes, Listener listener) {
    this.router = router;
    this.keys = keys;
    this.maxBodyBytes = maxBodyBytes;
    this.listener = listener;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String method = request.getMethod();
    String route = "unmatched";
    int status;
    try {
      Router.Match match = router.match(method, request.getHttpURI().getPath());
      route = match.route().template();
      keys.check(match.route().access(),
          request.getHeaders().get("api-key"), request.getHeaders().get(HttpHeader.AUTHORIZATION));
      Reply reply = match.route().endpoint().handle(new ApiRequest(request, match.params(), maxBodyBytes));
      closeUnlessBodyConsumed(request, response);
      status = write(reply, start, response, callback);
    } catch (ApiException e) {
      closeUnlessBodyConsumed(request, response);
      status = writeError(e.status(), e.getMessage(), start, response, callback);
    } catch (StoreException e) {
      int code = ApiException.statusOf(e);
      if (code == 500) {
        LOG.log(System.Logger.Level.ERROR, method + " " + request.getHttpURI().getPath() + " failed", e);
      }
      closeUnlessBodyConsumed(request, response);
      status = writeError(code, e.getMessage(), start, response, callback);
    } catch (Exception | Error e) { // an answer even then: Jetty would leave the client waiting
      LOG.log(System.Logger.Level.ERROR, method + " " + request.getHttpURI().getPath() + " failed", e);
      closeUnlessBodyConsumed(request, response);
      status = writeError(500, "internal error: " + e, start, response, callback);
    }
    listener.completed(method, route, status, System.nanoTime() - start);
    return true;
  }

  /**
   * An answer sent before the body was read (a 404, 405, 501, a refused key, a body over the
   * limit) leaves bytes on the connection. Jetty then drops the connection after the answer, and a
   * client that already reused it for its next request reads nothing. So discard what has arrived,
   * and if the body is not all there yet, say {@code Connection: close} before the answer is sent.
   */
  private static void closeUnlessBodyConsumed(Request request, Response response) {
    if (!request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  private static int write(Reply reply, long start, Response response, Callback callback) throws Exception {
    switch (reply) {
      case Reply.Result r -> {
        ObjectNode body = Json.object();
        body.set("result", r.result());
        body.put("status", "ok");
        body.put("time", seconds(start));
        writeJson(200, body, response, callback);
        return 200;
      }
      case Reply.Accepted a -> {
        ObjectNode body = Json.object();
        body.put("status", "accepted");
        body.put("time", seconds(start));
        writeJson(202, body, response, callback);
        return 202;
      }
      case Reply.Bare b -> {
        writeJson(200, b.body(), response, callback);
        return 200;
      }
      case Reply.Text t -> {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, t.contentType());
        response.write(true, ByteBuffer.wrap(t.body().getBytes(StandardCharsets.UTF_8)), callback);
        return 200;
      }
      case Reply.File f -> {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + f.fileName() + "\"");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(f.path()));
        Content.copy(Content.Source.from(f.path()), response, callback);
        return 200;
      }
    }
  }

  private static int writeError(int status, String message, long start, Response response, Callback callback) {
    ObjectNode body = Json.object();
    body.putObject("status").put("error", message == null ? "unknown error" : message);
    body.put("time", seconds(start));
    try {
      writeJson(status, body, response, callback);
    } catch (JsonProcessingException e) {
      callback.failed(e);
    }
    return status;
  }

  private static void writeJson(int status, JsonNode body, Response response, Callback callback) throws JsonProcessingException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
