package io.hnsw4j.server;

import static io.hnsw4j.server.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots: create, list, download, delete, recover from a file and from an upload. */
class SnapshotEndpointTest {
  @TempDir Path dir;
  @TempDir Path outside;
  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
    s.ok("PUT", "/collections/c", "{'vectors': {'size': 2, 'distance': 'Euclid'}}");
    s.ok("PUT", "/collections/c/points?wait=true", "{'points': [{'id': 1, 'vector': [1, 0], 'payload': {'k': 'a'}}, {'id': 2, 'vector': [0, 1]}]}");
    s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'k', 'field_schema': 'keyword'}");
  }

  @AfterEach
  void stop() throws Exception {
    s.close();
  }

  private JsonNode points(String collection) throws Exception {
    return s.ok("POST", "/collections/" + collection + "/points/scroll", "{'with_vector': true}");
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> r = s.http.send(HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElse(""));
    return r.body();
  }

  @Test
  void createListDownloadRecoverDelete() throws Exception {
    JsonNode snap = s.ok("POST", "/collections/c/snapshots?wait=true", null);
    String name = snap.get("name").asText();
    assertTrue(name.startsWith("c-") && name.endsWith(".snapshot"), name);
    assertTrue(snap.get("creation_time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), snap.toString());
    assertEquals(json("[" + snap + "]"), s.ok("GET", "/collections/c/snapshots", null));
    byte[] bytes = download("/collections/c/snapshots/" + name);
    assertEquals(snap.get("size").asLong(), bytes.length);
    assertEquals(snap.get("checksum").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));

    // Later writes are not in the snapshot; recovering over the collection brings it back.
    s.ok("POST", "/collections/c/points/delete?wait=true", "{'points': [1]}");
    JsonNode original = json("{'points': [{'id': 1, 'payload': {'k': 'a'}, 'vector': [1.0, 0.0]}, {'id': 2, 'payload': {}, 'vector': [0.0, 1.0]}], 'next_page_offset': null}");
    String location = dir.resolve("snapshots/c").resolve(name).toUri().toString();
    assertEquals(true, s.ok("PUT", "/collections/c/snapshots/recover", "{'location': '" + location + "', 'checksum': '" + snap.get("checksum").asText() + "'}").asBoolean());
    assertEquals(original, points("c"));
    assertEquals(json("{'k': {'data_type': 'keyword', 'points': 1}}"), s.ok("GET", "/collections/c", null).get("payload_schema"));
    // ... and into a new name.
    s.ok("PUT", "/collections/copy/snapshots/recover", "{'location': '" + location + "', 'priority': 'snapshot'}");
    assertEquals(original, points("copy"));

    assertEquals(true, s.ok("DELETE", "/collections/c/snapshots/" + name, null).asBoolean());
    assertEquals(json("[]"), s.ok("GET", "/collections/c/snapshots", null));
    s.fails(404, "has no snapshot " + name, "DELETE", "/collections/c/snapshots/" + name, null);
    s.fails(404, "has no snapshot " + name, "GET", "/collections/c/snapshots/" + name, null);
    s.fails(400, "invalid snapshot name", "GET", "/collections/c/snapshots/..snapshot", null);
    s.fails(404, "collection nope does not exist", "POST", "/collections/nope/snapshots", null);
  }

  @Test
  void uploadsRecoverAndWaitFalseAnswers202() throws Exception {
    String name = s.ok("POST", "/collections/c/snapshots", null).get("name").asText();
    byte[] bytes = download("/collections/c/snapshots/" + name);
    String boundary = "hnsw4j-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"snapshot\"; filename=\"" + name + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    TestServer.Answer up = s.sendRaw(HttpRequest.newBuilder(s.uri("/collections/uploaded/snapshots/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertEquals(200, up.status(), up.text());
    assertEquals(points("c"), points("uploaded"));
    TestServer.Answer wrongSum = s.sendRaw(HttpRequest.newBuilder(s.uri("/collections/other/snapshots/upload?checksum=" + "0".repeat(64)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertEquals(400, wrongSum.status(), wrongSum.text());
    assertTrue(wrongSum.error().contains("checksum mismatch"), wrongSum.text());
    TestServer.Answer notMultipart = s.send("POST", "/collections/other/snapshots/upload", "{}");
    assertEquals(400, notMultipart.status());
    assertTrue(notMultipart.error().contains("multipart/form-data"), notMultipart.text());
    assertEquals(false, s.ok("GET", "/collections/other/exists", null).get("exists").asBoolean());
    try (var files = Files.list(dir.resolve("snapshots/.uploads"))) {
      assertEquals(0, files.count(), "uploads are removed once recovered or refused");
    }

    TestServer.Answer accepted = s.post("/collections/c/snapshots?wait=false", null);
    assertEquals(202, accepted.status(), accepted.text());
    assertEquals("accepted", accepted.json().get("status").asText());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (s.ok("GET", "/collections/c/snapshots", null).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(2, s.ok("GET", "/collections/c/snapshots", null).size());
  }

  @Test
  void recoveryOnlyReadsSnapshotFilesInTheSnapshotFolder() throws Exception {
    String name = s.ok("POST", "/collections/c/snapshots", null).get("name").asText();
    Path copy = outside.resolve(name);
    Files.copy(dir.resolve("snapshots/c").resolve(name), copy);
    JsonNode before = points("c");
    s.fails(400, "is outside the snapshot folder", "PUT", "/collections/c/snapshots/recover", "{'location': '" + copy.toUri() + "'}");
    s.fails(400, "is outside the snapshot folder", "PUT", "/collections/c/snapshots/recover",
        "{'location': 'file://" + dir.resolve("snapshots/c/../../../etc/passwd") + "'}");
    s.fails(400, "is outside the snapshot folder", "PUT", "/collections/c/snapshots/recover", "{'location': 'file:///etc/passwd'}");
    Files.createSymbolicLink(dir.resolve("snapshots/c/link.snapshot"), copy);
    s.fails(400, "leads outside the snapshot folder", "PUT", "/collections/c/snapshots/recover",
        "{'location': '" + dir.resolve("snapshots/c/link.snapshot").toUri() + "'}");
    Files.delete(dir.resolve("snapshots/c/link.snapshot"));
    s.fails(400, "does not download snapshots from URLs", "PUT", "/collections/c/snapshots/recover",
        "{'location': 'http://127.0.0.1:1/collections/c/snapshots/" + name + "'}");
    s.fails(404, "does not exist", "PUT", "/collections/c/snapshots/recover",
        "{'location': '" + dir.resolve("snapshots/c/missing.snapshot").toUri() + "'}");
    s.fails(400, "checksum mismatch", "PUT", "/collections/c/snapshots/recover",
        "{'location': '" + dir.resolve("snapshots/c").resolve(name).toUri() + "', 'checksum': 'abc'}");
    s.fails(400, "location is required", "PUT", "/collections/c/snapshots/recover", "{}");
    Files.writeString(dir.resolve("snapshots/c/junk.snapshot"), "not a zip");
    s.fails(400, "cannot be recovered", "PUT", "/collections/c/snapshots/recover",
        "{'location': '" + dir.resolve("snapshots/c/junk.snapshot").toUri() + "'}");
    assertEquals(before, points("c"));
  }
}
