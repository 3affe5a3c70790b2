package io.hnsw4j.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches {@link ApiHandler} (a malformed request line, a
 * header too large, an ambiguous path) in the same JSON body as every other error, instead of
 * Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
      throws IOException {
    ObjectNode body = Json.object();
    String text = message != null ? message : HttpStatus.getMessage(code);
    body.putObject("status").put("error", text);
    body.put("time", 0.0);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(body)), callback);
  }
}
