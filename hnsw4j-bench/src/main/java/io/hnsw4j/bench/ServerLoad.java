package io.hnsw4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A closed-loop load generator for a running hnsw4j server (or any server speaking Qdrant's REST
 * API): fills a collection with seeded random vectors, then for each connection count runs
 * searches, then single-point upserts ({@code wait=true}), each connection sending its next
 * request when the last one is answered. Prints a Markdown table of throughput and p50/p99
 * latency, measured after a warm-up.
 */
@Command(name = "hnsw4j-server-load", mixinStandardHelpOptions = true,
    description = "Throughput and latency of search and upsert against a server speaking Qdrant's REST API.")
public final class ServerLoad implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--url", defaultValue = "http://127.0.0.1:6333", description = "Server address.")
  URI url;

  @Option(names = "--collection", defaultValue = "load", description = "Collection to create and fill (replaced if it exists).")
  String collection;

  @Option(names = "--points", defaultValue = "100000", description = "Points to fill it with.")
  int points;

  @Option(names = "--dim", defaultValue = "128", description = "Vector dimension.")
  int dim;

  @Option(names = "--connections", defaultValue = "1,8,64", split = ",", description = "Connection counts to measure.")
  int[] connections;

  @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per run.")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured seconds before each run.")
  int warmup;

  @Option(names = "--limit", defaultValue = "10", description = "Search limit (k).")
  int limit;

  @Option(names = "--skip-fill", description = "Use the collection as it is.")
  boolean skipFill;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the vectors and queries.")
  long seed;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!skipFill) {
      fill();
    }
    System.out.println("| operation | connections | requests/s | p50 ms | p99 ms | requests |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (int c : connections) {
      report("search", c, run(c, this::search));
    }
    for (int c : connections) {
      report("upsert (1 point, wait=true)", c, run(c, this::upsert));
    }
    return 0;
  }

  private void fill() throws Exception {
    send("DELETE", "/collections/" + collection, null);
    check(send("PUT", "/collections/" + collection, "{\"vectors\": {\"size\": " + dim + ", \"distance\": \"Euclid\"}}"));
    Random r = new Random(seed);
    long start = System.nanoTime();
    for (int from = 0; from < points; from += 500) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("points");
      for (int id = from; id < Math.min(points, from + 500); id++) {
        ObjectNode p = list.addObject();
        p.put("id", id);
        p.set("vector", vector(r));
        p.putObject("payload").put("group", id % 100);
      }
      check(send("PUT", "/collections/" + collection + "/points?wait=true", body.toString()));
    }
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "filled %d x %d points in %.1f s (%.0f points/s, batches of 500, wait=true)%n%n", points, dim, s, points / s);
  }

  /** One request of a run; returns false if it failed. */
  private interface Request {
    boolean send(Random r) throws Exception;
  }

  private boolean search(Random r) throws Exception {
    String body = "{\"vector\": " + vector(r) + ", \"limit\": " + limit + "}";
    return send("POST", "/collections/" + collection + "/points/search", body).statusCode() == 200;
  }

  private boolean upsert(Random r) throws Exception {
    String body = "{\"points\": [{\"id\": " + r.nextInt(points) + ", \"vector\": " + vector(r) + ", \"payload\": {\"group\": 1}}]}";
    return send("PUT", "/collections/" + collection + "/points?wait=true", body).statusCode() == 200;
  }

  /** Runs {@code connections} closed loops for warm-up + measured seconds; returns measured latencies (ns). */
  private long[] run(int connections, Request request) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
    List<long[]> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<Exception> errors = new ArrayList<>();
    for (int t = 0; t < connections; t++) {
      long[][] holder = {new long[1024]};
      int[] count = {0};
      Random r = new Random(seed * 1000 + t);
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          while (!stop.get()) {
            long begin = System.nanoTime();
            if (!request.send(r)) {
              throw new IllegalStateException("a request failed");
            }
            long end = System.nanoTime();
            if (begin >= measureFrom) {
              if (count[0] == holder[0].length) {
                holder[0] = Arrays.copyOf(holder[0], count[0] * 2);
              }
              holder[0][count[0]++] = end - begin;
            }
          }
        } catch (Exception e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
        synchronized (perThread) {
          perThread.add(Arrays.copyOf(holder[0], count[0]));
        }
      }));
    }
    Thread.sleep((warmup + seconds) * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw errors.getFirst();
    }
    return perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
  }

  private void report(String operation, int connections, long[] sorted) {
    double p50 = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e6;
    double p99 = sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %d |%n", operation, connections, sorted.length / (double) seconds, p50, p99, sorted.length);
  }

  private ArrayNode vector(Random r) {
    ArrayNode v = JSON.createArrayNode();
    for (int i = 0; i < dim; i++) {
      v.add((float) r.nextGaussian());
    }
    return v;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(120))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the server answered " + r.statusCode() + ": " + r.body());
    }
  }
}
