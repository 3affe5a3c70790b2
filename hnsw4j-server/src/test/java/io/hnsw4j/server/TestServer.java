package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real server on 127.0.0.1 and an ephemeral port over a temporary data directory, and a small
 * HTTP client for it (the JDK's). Bodies are JSON written with single quotes for readability.
 */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status code, parsed JSON body (missing if not JSON), raw text. */
  record Answer(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {
    JsonNode result() {
      return json.get("result");
    }

    String error() {
      return json.path("status").path("error").asText(null);
    }
  }

  final Hnsw4jServer server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, String> headers;

  private TestServer(Hnsw4jServer server, Map<String, String> headers) {
    this.server = server;
    this.headers = headers;
  }

  static TestServer start(Path dir) throws Exception {
    return start(ServerConfig.builder(dir).port(0).build());
  }

  static TestServer start(ServerConfig config) throws Exception {
    return new TestServer(Hnsw4jServer.start(config), Map.of());
  }

  /** The same server, sending these headers with every request. */
  TestServer withHeaders(Map<String, String> extra) {
    return new TestServer(server, extra);
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Answer delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  Answer put(String path, String body) throws IOException, InterruptedException {
    return send("PUT", path, body);
  }

  Answer post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  /** Sends {@code body} (single quotes become double quotes; null: no body). */
  Answer send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
  }

  Answer sendRaw(HttpRequest.Builder request) throws IOException, InterruptedException {
    headers.forEach(request::header);
    return answer(http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> r) {
    JsonNode json;
    try {
      json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
    } catch (IOException e) {
      json = MissingNode.getInstance();
    }
    return new Answer(r.statusCode(), json, r.body(), r.headers());
  }

  /** Sends and checks for 200 with status ok; returns the result. */
  JsonNode ok(String method, String path, String body) throws IOException, InterruptedException {
    Answer a = send(method, path, body);
    assertEquals(200, a.status(), () -> method + " " + path + " answered " + a.status() + ": " + a.text());
    assertEquals("ok", a.json().path("status").asText(), a.text());
    return a.result();
  }

  /** Sends and checks the status code and that the error body names {@code fragment}. */
  Answer fails(int status, String fragment, String method, String path, String body) throws IOException, InterruptedException {
    Answer a = send(method, path, body);
    assertEquals(status, a.status(), () -> method + " " + path + " answered " + a.status() + ": " + a.text());
    String error = a.error();
    org.junit.jupiter.api.Assertions.assertNotNull(error, () -> "no error body: " + a.text());
    org.junit.jupiter.api.Assertions.assertTrue(error.contains(fragment), () -> "error '" + error + "' does not mention '" + fragment + "'");
    return a;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
