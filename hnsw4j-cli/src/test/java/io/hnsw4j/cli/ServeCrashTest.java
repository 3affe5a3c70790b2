package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code hnsw4j serve} as a separate JVM, writes to it over HTTP from 4 threads with
 * {@code wait=true}, and kills it with SIGKILL at 22 seeded random moments (some during start-up,
 * while the log is replayed), restarting it on the same data directory each time. After every
 * restart, over HTTP: every acknowledged write is there, the write each thread had in flight is
 * wholly there or wholly absent, and exact searches, filtered and not, equal a brute-force
 * computation over the expected points. At the end SIGTERM stops the server cleanly (a
 * checkpoint), and it opens again to the same points.
 */
class ServeCrashTest {
  static final int ROUNDS = 22;
  static final int THREADS = 4;
  static final int IDS_PER_THREAD = 60;
  static final int DIM = 8;
  static final long SEED = 20261201L;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern READY = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dir;
  /** Every server process started, so that a failing test leaves none running. */
  private final List<Process> started = java.util.Collections.synchronizedList(new ArrayList<>());
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A point as the test expects it. */
  record State(float[] vector, ObjectNode payload) {}

  /** One write: its thread, number, kind and ids. */
  record Op(int thread, long n, String kind, List<Long> ids) {}

  /** A running server process and its address. */
  record Server(Process process, URI uri, List<String> stderr) {}

  @Test
  void everyAcknowledgedWriteSurvivesSigkillOfTheServer() throws Exception {
    Map<Long, State> model = new TreeMap<>();
    long[] counters = new long[THREADS];
    Random random = new Random(SEED);
    int acknowledged = 0;
    int inFlightApplied = 0;
    int inFlightLost = 0;
    int startupKills = 0;
    Server server = start();
    call(server, "PUT", "/collections/crash", "{\"vectors\": {\"size\": 8, \"distance\": \"Euclid\"}}");
    call(server, "PUT", "/collections/crash/index?wait=true", "{\"field_name\": \"t\", \"field_schema\": \"integer\"}");
    for (int round = 0; round < ROUNDS; round++) {
      List<List<Op>> acked = new ArrayList<>();
      Op[] inFlight = new Op[THREADS];
      List<Thread> writers = new ArrayList<>();
      List<Throwable> errors = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<Op> mine = new ArrayList<>();
        acked.add(mine);
        int thread = t;
        Map<Long, State> slice = slice(model, t);
        Server target = server;
        writers.add(Thread.ofPlatform().start(() -> write(target, thread, counters, slice, mine, inFlight, errors)));
      }
      Thread.sleep(200 + random.nextInt(1000));
      kill(server);
      for (Thread w : writers) {
        w.join(30_000);
      }
      assertTrue(errors.isEmpty(), () -> "writers failed: " + errors);
      if (round % 7 == 3) { // also kill the next server while it opens and replays the log
        Server early = startWithoutWaiting();
        Thread.sleep(100 + random.nextInt(500));
        kill(early);
        startupKills++;
      }
      server = start();
      Map<Long, State> recovered = read(server);
      for (int t = 0; t < THREADS; t++) {
        acknowledged += acked.get(t).size();
        for (Op op : acked.get(t)) {
          apply(model, op);
        }
        Map<Long, State> expected = slice(model, t);
        Map<Long, State> got = slice(recovered, t);
        Op op = inFlight[t];
        if (same(got, expected)) {
          inFlightLost += op == null ? 0 : 1;
          continue;
        }
        Map<Long, State> with = new TreeMap<>(expected);
        if (op != null) {
          apply(with, op);
        }
        if (op == null || !same(got, with)) {
          fail("round " + round + ", thread " + t + ": recovered " + describe(got) + "\nbut expected " + describe(expected)
              + (op == null ? "" : "\nor, with " + op + ", " + describe(with)));
        }
        apply(model, op);
        inFlightApplied++;
      }
      assertEquals(model.size(), call(server, "POST", "/collections/crash/points/count", "{}").get("count").asInt(), "round " + round);
      checkSearches(server, model, new Random(round));
    }
    // A clean stop: SIGTERM, a checkpoint, and the same points after a restart.
    // SIGTERM through the handle: Process.destroy() would also close our end of its stderr.
    server.process().toHandle().destroy();
    assertTrue(server.process().waitFor(60, TimeUnit.SECONDS));
    assertEquals(143, server.process().exitValue(), "128 + SIGTERM");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // the reader may lag behind the exit
    while (server.stderr().stream().noneMatch(l -> l.contains("stopped; the data directory is closed")) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(server.stderr().stream().anyMatch(l -> l.contains("stopped; the data directory is closed")), server.stderr().toString());
    server = start();
    assertEquals(model.keySet(), read(server).keySet());
    checkSearches(server, model, new Random(-1));
    kill(server);
    try (var entries = Files.list(dir.resolve("collections/crash"))) {
      assertTrue(entries.anyMatch(p -> p.getFileName().toString().startsWith("cp-")), "SIGTERM left a checkpoint");
    }
    System.out.printf("%d kills (%d during start-up): %d acknowledged writes all present; of the writes in flight at a kill, %d were applied and %d not%n",
        ROUNDS + startupKills, startupKills, acknowledged, inFlightApplied, inFlightLost);
    assertTrue(acknowledged > 100, "only " + acknowledged + " writes were acknowledged");
  }

  @org.junit.jupiter.api.AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process p : started) {
      p.toHandle().destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  // ---- the server process ----

  private Process launch() throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--data", dir.toString(), "--port", "0")
        .start();
    started.add(p);
    return p;
  }

  private Server startWithoutWaiting() throws IOException {
    return new Server(launch(), null, List.of());
  }

  /** Starts {@code hnsw4j serve} and waits for its ready line. */
  private Server start() throws Exception {
    Process p = launch();
    List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stderr.add(line);
        }
      } catch (IOException e) {
        // the process is gone
      }
    });
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m = line == null ? null : READY.matcher(line);
    if (m == null || !m.find()) {
      p.destroyForcibly();
      fail("the server did not start: " + line + " " + stderr);
    }
    Thread.ofPlatform().daemon().start(() -> {
      try {
        out.transferTo(java.io.Writer.nullWriter());
      } catch (IOException e) {
        // the process is gone
      }
    });
    return new Server(p, URI.create(m.group(1)), stderr);
  }

  private static void kill(Server server) throws InterruptedException {
    server.process().toHandle().destroyForcibly(); // SIGKILL
    assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
  }

  private JsonNode call(Server server, String method, String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = send(server, method, path, body);
    assertEquals(200, r.statusCode(), () -> method + " " + path + ": " + r.body());
    return JSON.readTree(r.body()).get("result");
  }

  private HttpResponse<String> send(Server server, String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  // ---- the writers ----

  /** Writes until the server dies; each write is recorded as in flight before it is sent. */
  private void write(Server server, int t, long[] counters, Map<Long, State> slice, List<Op> acked, Op[] inFlight, List<Throwable> errors) {
    Random r = new Random(SEED * 31 + t * 7919L + counters[t]);
    try {
      while (true) {
        long n = ++counters[t];
        Op op = next(t, n, slice, r);
        inFlight[t] = op;
        HttpResponse<String> response;
        try {
          response = send(server, method(op), path(op), body(op));
        } catch (IOException e) {
          return; // the server was killed: the write stays in flight
        }
        if (response.statusCode() != 200) {
          throw new AssertionError(op + " answered " + response.statusCode() + ": " + response.body());
        }
        inFlight[t] = null;
        acked.add(op);
        apply(slice, op);
      }
    } catch (Throwable e) {
      synchronized (errors) {
        errors.add(e);
      }
    }
  }

  private static Op next(int t, long n, Map<Long, State> slice, Random r) {
    long base = (long) t * 1000;
    List<Long> existing = new ArrayList<>(slice.keySet());
    int kind = (int) (n % 5);
    if (existing.isEmpty() || kind == 0) {
      List<Long> ids = new ArrayList<>();
      for (int i = 1 + r.nextInt(3); i > 0; i--) {
        ids.add(base + r.nextInt(IDS_PER_THREAD));
      }
      return new Op(t, n, "UPSERT", ids.stream().distinct().toList());
    }
    long id = existing.get(r.nextInt(existing.size()));
    return switch (kind) {
      case 1 -> new Op(t, n, "SET", List.of(id));
      case 2 -> new Op(t, n, "DELETE", List.of(id, base + r.nextInt(IDS_PER_THREAD)));
      case 3 -> new Op(t, n, "OVERWRITE", List.of(id));
      default -> new Op(t, n, "DELFILTER", List.of());
    };
  }

  private static String method(Op op) {
    return op.kind().equals("UPSERT") || op.kind().equals("OVERWRITE") ? "PUT" : "POST";
  }

  private static String path(Op op) {
    return switch (op.kind()) {
      case "UPSERT" -> "/collections/crash/points?wait=true";
      case "SET" -> "/collections/crash/points/payload?wait=true";
      case "OVERWRITE" -> "/collections/crash/points/payload?wait=true";
      default -> "/collections/crash/points/delete?wait=true";
    };
  }

  private static String body(Op op) {
    ObjectNode body = JSON.createObjectNode();
    switch (op.kind()) {
      case "UPSERT" -> {
        ArrayNode points = body.putArray("points");
        for (long id : op.ids()) {
          ObjectNode p = points.addObject();
          p.put("id", id);
          ArrayNode v = p.putArray("vector");
          for (float x : vector(id, op.n())) {
            v.add(x);
          }
          p.set("payload", payload(op.thread(), op.n(), false));
        }
      }
      case "SET" -> {
        body.putObject("payload").put("n2", op.n());
        body.putArray("points").add(op.ids().getFirst());
      }
      case "OVERWRITE" -> {
        body.set("payload", payload(op.thread(), op.n(), true));
        body.putArray("points").add(op.ids().getFirst());
      }
      case "DELETE" -> op.ids().forEach(body.putArray("points")::add);
      default -> {
        ArrayNode must = body.putObject("filter").putArray("must");
        must.addObject().put("key", "t").putObject("match").put("value", op.thread());
        must.addObject().put("key", "tag").putObject("match").put("value", op.n() % 3);
      }
    }
    return body.toString();
  }

  static float[] vector(long id, long n) {
    Random r = new Random(id * 1_000_003L + n);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  static ObjectNode payload(int t, long n, boolean overwritten) {
    ObjectNode p = JSON.createObjectNode();
    p.put("t", t).put("n", n).put("tag", n % 3);
    if (overwritten) {
      p.put("over", true);
    }
    return p;
  }

  private static void apply(Map<Long, State> model, Op op) {
    switch (op.kind()) {
      case "UPSERT" -> op.ids().forEach(id -> model.put(id, new State(vector(id, op.n()), payload(op.thread(), op.n(), false))));
      case "DELETE" -> op.ids().forEach(model::remove);
      case "SET" -> op.ids().forEach(id -> model.get(id).payload().put("n2", op.n()));
      case "OVERWRITE" -> op.ids().forEach(id -> model.put(id, new State(model.get(id).vector(), payload(op.thread(), op.n(), true))));
      case "DELFILTER" -> model.entrySet().removeIf(e ->
          e.getValue().payload().get("t").asInt() == op.thread() && e.getValue().payload().get("tag").asLong() == op.n() % 3);
      default -> throw new IllegalArgumentException(op.kind());
    }
  }

  // ---- checking what the server holds ----

  private Map<Long, State> read(Server server) throws Exception {
    Map<Long, State> out = new TreeMap<>();
    JsonNode page = call(server, "POST", "/collections/crash/points/scroll", "{\"limit\": 10000, \"with_vector\": true}");
    for (JsonNode p : page.get("points")) {
      float[] v = new float[DIM];
      for (int i = 0; i < DIM; i++) {
        v[i] = p.get("vector").get(i).floatValue();
      }
      out.put(p.get("id").asLong(), new State(v, (ObjectNode) p.get("payload")));
    }
    return out;
  }

  private static Map<Long, State> slice(Map<Long, State> all, int thread) {
    Map<Long, State> out = new TreeMap<>();
    all.forEach((id, s) -> {
      if (id / 1000 == thread) {
        out.put(id, new State(s.vector(), s.payload().deepCopy()));
      }
    });
    return out;
  }

  private static String describe(Map<Long, State> points) {
    StringBuilder b = new StringBuilder();
    points.forEach((id, s) -> b.append(id).append('=').append(s.payload()).append(' '));
    return b.toString();
  }

  private static boolean same(Map<Long, State> a, Map<Long, State> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<Long, State> e : a.entrySet()) {
      State other = b.get(e.getKey());
      // As text: the server reads back 6 as an int where the model holds a long.
      if (!java.util.Arrays.equals(e.getValue().vector(), other.vector()) || !e.getValue().payload().toString().equals(other.payload().toString())) {
        return false;
      }
    }
    return true;
  }

  /** Exact searches, filtered by thread and not, against a brute-force ranking of the model. */
  private void checkSearches(Server server, Map<Long, State> model, Random r) throws Exception {
    for (int q = 0; q < 8; q++) {
      float[] query = vector(-1 - r.nextInt(1000), q);
      int thread = q % 2 == 0 ? -1 : r.nextInt(THREADS);
      StringBuilder body = new StringBuilder("{\"vector\": ").append(JSON.writeValueAsString(query))
          .append(", \"limit\": 10, \"params\": {\"exact\": true}");
      if (thread >= 0) {
        body.append(", \"filter\": {\"must\": [{\"key\": \"t\", \"match\": {\"value\": ").append(thread).append("}}]}");
      }
      List<Long> got = new ArrayList<>();
      call(server, "POST", "/collections/crash/points/search", body.append("}").toString()).forEach(h -> got.add(h.get("id").asLong()));
      Map<Long, Double> distance = new HashMap<>();
      model.forEach((id, s) -> {
        if (thread < 0 || s.payload().get("t").asInt() == thread) {
          double d = 0;
          for (int i = 0; i < DIM; i++) {
            d += (query[i] - s.vector()[i]) * (query[i] - s.vector()[i]);
          }
          distance.put(id, d);
        }
      });
      List<Long> expected = distance.keySet().stream().sorted(Comparator.comparingDouble(distance::get)).limit(10).toList();
      assertEquals(expected, got, "query " + q + (thread >= 0 ? " filtered to thread " + thread : ""));
    }
  }
}
