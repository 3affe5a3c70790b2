package io.hnsw4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.ExactIndex;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.PointId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process ({@link CrashWriter}) with SIGKILL at seeded random moments, 22 times,
 * reopening the data directory after each kill. Every acknowledged write must be there; the one
 * write each thread had in flight is either wholly there or wholly absent; and exact and graph
 * searches over the recovered collection equal a fresh exact index of the expected points.
 */
class CrashRecoveryTest {
  static final int ROUNDS = 22;
  static final int THREADS = 4;
  static final long SEED = 8675309L;

  @TempDir Path dir;

  /** A point as the model expects it. */
  record State(float[] vector, ObjectNode payload) {}

  /** One operation a writer printed: its thread, number, kind and ids. */
  record Op(int thread, long n, String kind, List<Long> ids) {}

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    try (Database db = Database.open(dir)) {
      Collection c = db.create("crash", CollectionConfig.of(8, Distance.EUCLID));
      c.createPayloadIndex(FieldPath.parse("t"), PayloadSchemaType.INTEGER, true);
    }
    Map<Long, State> model = new TreeMap<>();
    Random random = new Random(SEED);
    int acknowledged = 0;
    int inFlightApplied = 0;
    int inFlightLost = 0;
    for (int round = 0; round < ROUNDS; round++) {
      boolean duringStartup = round % 7 == 3;
      long delayMillis = duringStartup ? 100 + random.nextInt(400) : 30 + random.nextInt(500);
      List<String> lines = runAndKill(round, duringStartup, delayMillis);
      Map<Integer, List<Op>> acked = new HashMap<>();
      Map<Integer, Op> inFlight = new HashMap<>();
      parse(lines, acked, inFlight);
      for (List<Op> ops : acked.values()) {
        acknowledged += ops.size();
        ops.forEach(op -> apply(model, op));
      }
      try (Database db = Database.open(dir, StoreOptions.DEFAULT.withCheckpointOnClose(round % 2 == 0))) {
        Collection c = db.get("crash");
        Map<Long, State> recovered = read(c);
        for (int t = 0; t < THREADS; t++) {
          Map<Long, State> without = slice(model, t);
          Map<Long, State> got = slice(recovered, t);
          Op op = inFlight.get(t);
          if (same(got, without)) {
            inFlightLost += op == null ? 0 : 1;
            continue;
          }
          Map<Long, State> with = new TreeMap<>(without);
          if (op != null) {
            apply(with, op);
          }
          if (op == null || !same(got, with)) {
            int thread = t;
            fail("round " + round + ", thread " + t + ": recovered " + describe(got) + "\nexpected " + describe(without)
                + (op == null ? "" : "\nor, with " + op + ", " + describe(with))
                + "\nlines: " + lines.stream().filter(l -> l.startsWith("BEGIN " + thread + " ") || l.startsWith("ACK " + thread + " ")).toList());
          }
          apply(model, op);
          inFlightApplied++;
        }
        assertEquals(model.size(), c.count(null, true), "round " + round);
        checkSearches(c, model, new Random(round));
      }
    }
    System.out.printf("%d kills: %d acknowledged writes all present; of the writes in flight at a kill, %d were applied and %d not%n",
        ROUNDS, acknowledged, inFlightApplied, inFlightLost);
    assertTrue(acknowledged > 100, "only " + acknowledged + " writes were acknowledged in " + ROUNDS + " rounds");
  }

  private List<String> runAndKill(int round, boolean duringStartup, long delayMillis) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(), Integer.toString(round), Integer.toString(THREADS));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Object ready = new Object();
    Thread reader = Thread.ofPlatform().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
          if (line.equals("READY .")) {
            synchronized (ready) {
              ready.notifyAll();
            }
          }
        }
      } catch (IOException e) {
        // the process died mid-line; what was read stays
      }
    });
    if (!duringStartup) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      synchronized (ready) {
        while (!lines.contains("READY .") && p.isAlive() && System.nanoTime() < deadline) {
          ready.wait(100);
        }
      }
      assertTrue(lines.contains("READY ."), "round " + round + ": the writer never became ready: " + lines);
    }
    Thread.sleep(delayMillis);
    // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of
    // the child's stdout at once, losing lines still in the pipe.
    p.toHandle().destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    reader.join(10_000);
    List<String> errors = lines.stream().filter(l -> l.startsWith("ERROR")).toList();
    assertTrue(errors.isEmpty(), "round " + round + ": " + errors);
    return new ArrayList<>(lines);
  }

  /** Acknowledged operations per thread, in order, and each thread's unacknowledged last one. */
  private static void parse(List<String> lines, Map<Integer, List<Op>> acked, Map<Integer, Op> inFlight) {
    for (String line : lines) {
      String[] f = line.split(" ");
      if (!line.endsWith(" .")) {
        continue; // cut short by the kill
      }
      if (f[0].equals("BEGIN")) {
        List<Long> ids = f[4].equals("-") ? List.of() : Arrays.stream(f[4].split(",")).map(Long::parseLong).toList();
        Op op = new Op(Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], ids);
        Op previous = inFlight.put(op.thread(), op);
        assertTrue(previous == null, "thread " + op.thread() + " began " + op + " while " + previous + " was in flight");
      } else if (f[0].equals("ACK")) {
        Op op = inFlight.remove(Integer.parseInt(f[1]));
        assertEquals(Long.parseLong(f[2]), op.n());
        acked.computeIfAbsent(op.thread(), k -> new ArrayList<>()).add(op);
      }
    }
  }

  private static void apply(Map<Long, State> model, Op op) {
    switch (op.kind()) {
      case "UPSERT" -> op.ids().forEach(id -> model.put(id, new State(CrashWriter.vector(id, op.n()), CrashWriter.payload(op.thread(), op.n(), false))));
      case "DELETE" -> op.ids().forEach(model::remove);
      case "SET" -> op.ids().forEach(id -> model.get(id).payload().put("n2", op.n()));
      case "OVERWRITE" -> op.ids().forEach(id -> model.put(id, new State(model.get(id).vector(), CrashWriter.payload(op.thread(), op.n(), true))));
      case "DELFILTER" -> model.entrySet().removeIf(e ->
          e.getValue().payload().get("t").asInt() == op.thread() && e.getValue().payload().get("tag").asLong() == op.n() % 3);
      default -> throw new IllegalArgumentException(op.kind());
    }
  }

  private static Map<Long, State> read(Collection c) {
    Map<Long, State> out = new TreeMap<>();
    ScrollPage page = c.scroll(new ScrollRequest(null, 10_000, null, PayloadSelector.ALL, true));
    page.points().forEach(p -> out.put(p.id().number(), new State(p.vector(), p.payload())));
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

  private static boolean same(Map<Long, State> a, Map<Long, State> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Long id : a.keySet()) {
      // Compared as JSON text: a payload read back holds IntNodes where the model has LongNodes.
      if (!Arrays.equals(a.get(id).vector(), b.get(id).vector()) || !a.get(id).payload().toString().equals(b.get(id).payload().toString())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Map<Long, State> m) {
    StringBuilder b = new StringBuilder("{");
    m.forEach((id, s) -> b.append(id).append('=').append(s.payload()).append(String.format(java.util.Locale.ROOT, "@%.4f ", s.vector()[0])));
    return b.append('}').toString();
  }

  /**
   * Exact and graph searches (unfiltered and filtered) equal a fresh exact index of the model: the
   * same distances rank by rank, and only points that belong in the top 10 (ranks of near-equal
   * distances may swap by a rounding).
   */
  private static void checkSearches(Collection c, Map<Long, State> model, Random random) {
    if (model.isEmpty()) {
      return;
    }
    try (ExactIndex fresh = ExactIndex.create(8, Metric.L2)) {
      model.forEach((id, s) -> fresh.add(id, s.vector()));
      for (int q = 0; q < 5; q++) {
        float[] query = CrashWriter.vector(random.nextInt(4000), random.nextInt(1000));
        int thread = random.nextInt(THREADS);
        Filter filter = Filter.must(new Condition.FieldMatch(FieldPath.parse("t"), new Match.Integer(thread)));
        for (boolean exact : new boolean[] {true, false}) {
          same(fresh.search(query, 10), c.search(SearchRequest.builder(query).limit(10).ef(256).exact(exact).build()), model, query);
          same(fresh.search(query, 10, 10, id -> id / 1000 == thread),
              c.search(SearchRequest.builder(query).limit(10).ef(256).exact(exact).filter(filter).build()), model, query);
        }
      }
    }
  }

  private static void same(List<SearchResult> expected, List<ScoredPoint> got, Map<Long, State> model, float[] query) {
    assertEquals(expected.size(), got.size());
    if (expected.isEmpty()) {
      return;
    }
    float worst = expected.getLast().distance();
    for (int i = 0; i < got.size(); i++) {
      assertEquals(Math.sqrt(expected.get(i).distance()), got.get(i).score(), 1e-5, "rank " + i);
      float d = ClusteredData.l2(query, model.get(got.get(i).id().number()).vector());
      assertTrue(d <= worst + 1e-5f, got.get(i).id() + " at distance " + d + " is not among the 10 nearest (" + worst + ")");
    }
  }

}
