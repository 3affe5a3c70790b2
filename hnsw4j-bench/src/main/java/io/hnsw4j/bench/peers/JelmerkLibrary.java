package io.hnsw4j.bench.peers;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.AnnLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * jelmerk hnswlib-core, a Java port of hnswlib: HnswIndex with the same M and efConstruction,
 * addAll on N threads; its ef is a setting of the index, changed between sweep points.
 */
public final class JelmerkLibrary implements AnnLibrary {

  /** One row; the id is the row number. */
  record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  @Override
  public String name() {
    return "jelmerk";
  }

  @Override
  public BuiltIndex build(BuildRequest request) throws InterruptedException {
    Metric metric = request.metric();
    Vectors.requireBuiltIn(metric);
    DistanceFunction<float[], Float> distance = metric.kind() == Metric.Kind.L2
        ? DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE
        : DistanceFunctions.FLOAT_INNER_PRODUCT; // cosine on unit vectors, or ip
    float[][] base = Vectors.prepare(request.base(), metric);
    HnswIndex<Integer, float[], Row, Float> index = HnswIndex
        .newBuilder(base[0].length, distance, base.length)
        .withM(request.m())
        .withEfConstruction(request.efConstruction())
        .withEf(request.efConstruction())
        .build();
    List<Row> rows = new ArrayList<>(base.length);
    for (int i = 0; i < base.length; i++) {
      rows.add(new Row(i, base[i]));
    }
    index.addAll(rows, request.threads(), (done, max) -> {}, Math.max(1, base.length));
    return new BuiltIndex() {
      private volatile int currentEf = -1;

      @Override
      public long memoryBytes() {
        return -1;
      }

      @Override
      public Searcher searcher() {
        return (query, k, ef) -> {
          if (ef != currentEf) {
            synchronized (this) {
              index.setEf(ef);
              currentEf = ef;
            }
          }
          List<SearchResult<Row, Float>> hits =
              index.findNearest(Vectors.prepare(query, metric), k);
          int[] ids = new int[hits.size()];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = hits.get(i).item().id();
          }
          return ids;
        };
      }
    };
  }
}
