package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error answered before the request body was read must not leave a client reusing a connection
 * the server then drops: a body that has arrived is discarded and the connection stays open; a
 * body still on its way gets {@code Connection: close} in the answer. Raw sockets, so the body's
 * timing is ours to choose (the JDK client once read "no bytes" on its next request here).
 */
class UnreadBodyConnectionTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    s.close();
  }

  @Test
  void bodyNotYetSentClosesTheConnectionInTheAnswer() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head("POST", "/collections/c/points/recommend", 2).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readAnswer(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 501"), answer);
      assertTrue(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
    }
  }

  @Test
  void bodyAlreadySentIsDiscardedAndTheConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (String path : new String[] {"/collections/c/points/recommend", "/collections/c/facet", "/nothing"}) {
        out.write((head("POST", path, 2) + "{}").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = readAnswer(in);
        assertTrue(answer.startsWith("HTTP/1.1 " + (path.equals("/nothing") ? "404" : "501")), answer);
        assertTrue(!answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
      }
      out.write(head("GET", "/healthz", 0).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String health = readAnswer(in);
      assertTrue(health.startsWith("HTTP/1.1 200"), health);
      assertTrue(health.endsWith("healthz check passed"), health);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", s.server.uri().getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String head(String method, String path, int contentLength) {
    return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + contentLength + "\r\n\r\n";
  }

  /** One answer: the head up to the blank line, then exactly Content-Length bytes of body. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "the connection closed after " + head);
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    assertEquals(length, body.length, "a short body after " + text);
    return text + new String(body, StandardCharsets.UTF_8);
  }
}
