package io.hnsw4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;

/**
 * A saved model's {@code metadata/part-00000}: one line of JSON in the layout of Spark ML's own
 * models ({@code class}, {@code timestamp}, {@code sparkVersion}, {@code uid}, {@code paramMap},
 * {@code defaultParamMap}), so that a Pipeline holding the model saves and loads it, plus an
 * {@code hnsw4j} object that describes the shards:
 *
 * <pre>{@code
 * "hnsw4j": {"formatVersion": 1, "kind": "hnsw", "metric": "l2", "dimension": 100, "m": 16,
 *            "efConstruction": 200, "seed": 42, "shardSizes": [50000, 49873, ...]}
 * }</pre>
 */
final class ModelMetadata {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a model's metadata says.
   *
   * @param params the explicitly set params: name to JSON value, as Spark's {@code jsonEncode} wrote it
   */
  record Stored(String className, String uid, Map<String, String> params, ShardSpec spec, long[] shardSizes) {}

  private ModelMetadata() {}

  static String toJson(KnnModel<?> model, String sparkVersion) {
    ObjectNode root = JSON.createObjectNode();
    root.put("class", model.getClass().getName());
    root.put("timestamp", System.currentTimeMillis());
    root.put("sparkVersion", sparkVersion);
    root.put("uid", model.uid());
    ObjectNode params = root.putObject("paramMap");
    ObjectNode defaults = root.putObject("defaultParamMap");
    for (Param<?> p : model.params()) {
      @SuppressWarnings("unchecked")
      Param<Object> param = (Param<Object>) p;
      if (model.isSet(param)) {
        params.set(param.name(), parse(param.jsonEncode(model.getOrDefault(param))));
      }
      if (model.hasDefault(param)) {
        defaults.set(param.name(), parse(param.jsonEncode(model.getDefault(param).get())));
      }
    }
    ShardSpec spec = model.spec();
    ObjectNode shards = root.putObject("hnsw4j");
    shards.put("formatVersion", FORMAT_VERSION);
    shards.put("kind", spec.kind().fileExtension());
    shards.put("metric", spec.metric());
    shards.put("dimension", spec.dimension());
    shards.put("m", spec.m());
    shards.put("efConstruction", spec.efConstruction());
    shards.put("seed", spec.seed());
    ArrayNode sizes = shards.putArray("shardSizes");
    for (long size : model.shardSizes()) {
      sizes.add(size);
    }
    return root.toString();
  }

  /**
   * Reads metadata written by {@link #toJson}.
   *
   * @param where the model's path, for error messages
   * @throws IllegalArgumentException naming the path if the JSON is not hnsw4j model metadata
   */
  static Stored fromJson(String json, String where) {
    JsonNode root = parse(json);
    JsonNode shards = root.path("hnsw4j");
    if (!root.path("class").isTextual() || !shards.isObject()) {
      throw new IllegalArgumentException(where + ": the metadata describes no hnsw4j model");
    }
    int version = shards.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          where + ": model format version " + version + "; this hnsw4j-spark reads version " + FORMAT_VERSION);
    }
    Map<String, String> params = new LinkedHashMap<>();
    root.path("paramMap").properties().forEach(e -> params.put(e.getKey(), e.getValue().toString()));
    ShardSpec spec =
        new ShardSpec(
            ShardKind.byName(shards.path("kind").asText()),
            shards.path("metric").asText(),
            shards.path("dimension").asInt(),
            shards.path("m").asInt(),
            shards.path("efConstruction").asInt(),
            shards.path("seed").asLong());
    JsonNode sizeNodes = shards.path("shardSizes");
    long[] sizes = new long[sizeNodes.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = sizeNodes.get(i).asLong();
    }
    if (sizes.length == 0 || spec.dimension() < 1 || spec.hnswMetric() == null) {
      throw new IllegalArgumentException(where + ": the metadata has no shards, no dimension or an unknown metric");
    }
    return new Stored(root.path("class").asText(), root.path("uid").asText(), params, spec, sizes);
  }

  /** Writes {@code DIR/metadata/part-00000} (replacing it) and {@code _SUCCESS}. */
  static void write(String directory, String json, Configuration conf) throws IOException {
    Path dir = new Path(directory, "metadata");
    FileSystem fs = dir.getFileSystem(conf);
    try (OutputStream out = fs.create(new Path(dir, "part-00000"), true)) {
      out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    }
    fs.create(new Path(dir, "_SUCCESS"), true).close();
  }

  /**
   * Reads the first line of {@code DIR/metadata/part-00000}.
   *
   * @throws IOException naming the path if there is no metadata
   */
  static String read(String directory, Configuration conf) throws IOException {
    Path file = new Path(new Path(directory, "metadata"), "part-00000");
    FileSystem fs = file.getFileSystem(conf);
    if (!fs.exists(file)) {
      throw new IOException(directory + ": no model here (" + file + " does not exist)");
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      String line = in.readLine();
      if (line == null) {
        throw new IOException(file + " is empty");
      }
      return line;
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed model metadata: " + e.getOriginalMessage(), e);
    }
  }
}
