package io.hnsw4j.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The writer process of {@link CrashRecoveryTest}: opens a data directory and runs writer threads
 * against collection "crash" until it is killed. Each thread owns ids {@code t * 1000 + 0..39},
 * issues one operation at a time, and prints {@code BEGIN t n OP ids .} before issuing it and
 * {@code ACK t n .} once it returned (durable and applied). Vectors and payloads are functions of
 * (id, n), so the test can rebuild every operation from its line.
 */
public final class CrashWriter {
  static final int IDS_PER_THREAD = 40;

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    StoreOptions options = StoreOptions.DEFAULT.withCheckpointWalBytes(32 << 10).withCheckpointInterval(Duration.ofMillis(250)).withIndexThreads(1);
    Database db = Database.open(dir, options);
    Collection c = db.get("crash");
    out.println("READY .");
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(Thread.ofPlatform().start(() -> run(c, thread, round, out)));
    }
    for (Thread w : writers) {
      w.join();
    }
  }

  private static void run(Collection c, int t, int round, PrintStream out) {
    Random random = new Random(round * 31L + t);
    Set<Long> present = new HashSet<>();
    for (int k = 0; k < IDS_PER_THREAD; k++) {
      if (c.get(PointId.of(id(t, k))).isPresent()) {
        present.add(id(t, k));
      }
    }
    try {
      for (long n = round * 1_000_000L; ; n++) {
        int kind = random.nextInt(10);
        List<Long> ids = new ArrayList<>();
        String op;
        if (kind < 5 || present.isEmpty()) {
          op = "UPSERT";
          for (int i = random.nextInt(5); i >= 0; i--) {
            ids.add(id(t, random.nextInt(IDS_PER_THREAD)));
          }
        } else if (kind < 7) {
          op = "DELETE";
          ids.add(id(t, random.nextInt(IDS_PER_THREAD)));
          ids.add(id(t, random.nextInt(IDS_PER_THREAD)));
        } else if (kind < 9) {
          op = kind == 7 ? "SET" : "OVERWRITE";
          List<Long> have = new ArrayList<>(present);
          ids.add(have.get(random.nextInt(have.size())));
        } else {
          op = "DELFILTER";
        }
        out.println("BEGIN " + t + " " + n + " " + op + " " + join(ids) + " .");
        apply(c, t, n, op, ids, present);
        out.println("ACK " + t + " " + n + " .");
      }
    } catch (RuntimeException e) {
      out.println("ERROR " + t + " " + e);
      e.printStackTrace();
    }
  }

  private static void apply(Collection c, int t, long n, String op, List<Long> ids, Set<Long> present) {
    List<PointId> pointIds = ids.stream().map(PointId::of).toList();
    switch (op) {
      case "UPSERT" -> {
        List<Point> points = new ArrayList<>();
        for (long id : ids) {
          points.add(new Point(PointId.of(id), vector(id, n), payload(t, n, false)));
        }
        c.upsert(points, true);
        present.addAll(ids);
      }
      case "DELETE" -> {
        c.delete(PointSelector.ids(pointIds), true);
        ids.forEach(present::remove);
      }
      case "SET" -> c.setPayload(PointSelector.ids(pointIds), JsonNodeFactory.instance.objectNode().put("n2", n), null, true);
      case "OVERWRITE" -> c.overwritePayload(PointSelector.ids(pointIds), payload(t, n, true), true);
      case "DELFILTER" -> {
        c.delete(PointSelector.matching(Filter.must(
            new Condition.FieldMatch(FieldPath.parse("t"), new Match.Integer(t)),
            new Condition.FieldMatch(FieldPath.parse("tag"), new Match.Integer(n % 3)))), true);
        present.clear();
        for (int k = 0; k < IDS_PER_THREAD; k++) {
          if (c.get(PointId.of(id(t, k))).isPresent()) {
            present.add(id(t, k));
          }
        }
      }
      default -> throw new IllegalArgumentException(op);
    }
  }

  static long id(int t, int k) {
    return t * 1000L + k;
  }

  /** The vector an upsert numbered n gives point id. */
  static float[] vector(long id, long n) {
    float[] v = new float[8];
    for (int j = 0; j < v.length; j++) {
      v[j] = (float) Math.sin(id * 0.37 + (n % 1000) * 0.11 + j);
    }
    return v;
  }

  /** The payload an upsert (or, with {@code over}, an overwrite) numbered n gives. */
  static ObjectNode payload(int t, long n, boolean over) {
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("t", t).put("n", n).put("tag", n % 3);
    return over ? p.put("over", true) : p;
  }

  private static String join(List<Long> ids) {
    StringJoiner j = new StringJoiner(",");
    ids.forEach(id -> j.add(Long.toString(id)));
    return ids.isEmpty() ? "-" : j.toString();
  }
}
