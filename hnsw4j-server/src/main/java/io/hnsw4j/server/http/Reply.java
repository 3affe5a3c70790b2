package io.hnsw4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** What an endpoint answers; {@link ApiHandler} turns it into an HTTP response. */
public sealed interface Reply {

  /** 200 with Qdrant's envelope: {@code {"result": ..., "status": "ok", "time": seconds}}. */
  record Result(JsonNode result) implements Reply {}

  /** 202 with {@code {"status": "accepted", "time": seconds}}: the work goes on after the answer. */
  record Accepted() implements Reply {}

  /** 200 with this JSON as the whole body, no envelope ({@code GET /} answers so). */
  record Bare(JsonNode body) implements Reply {}

  /** 200 with a text body ({@code /healthz}, {@code /metrics}). */
  record Text(String contentType, String body) implements Reply {}

  /** 200 streaming a file as an attachment (a snapshot download). */
  record File(Path path, String fileName) implements Reply {}
}
