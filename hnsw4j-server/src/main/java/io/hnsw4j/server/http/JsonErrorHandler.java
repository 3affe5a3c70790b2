package io.hnsw4j.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches {@link ApiHandler} (a malformed request line, a
 * header too large, an ambiguous path such as {@code %2E%2E} or {@code %2F}) in the same JSON body
 * as every other error, for every method (Jetty's own handler writes a body for GET and POST only).
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    int code = response.getStatus();
    String message = request.getAttribute(ERROR_MESSAGE) instanceof String m ? m : null;
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
      code = e.getCode();
      message = message != null ? message : e.getReason();
    }
    if (code < 400) {
      code = 500;
    }
    ObjectNode body = Json.object();
    body.putObject("status").put("error", message != null ? message : HttpStatus.getMessage(code));
    body.put("time", 0.0);
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(body)), callback);
    return true;
  }
}
