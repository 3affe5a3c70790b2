package io.hnsw4j.bench.peers;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.AnnLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector: GraphIndexBuilder with exact scores over vectors on the heap, hierarchy on (HNSW-like
 * layers), degree 2M on the base layer and M above (as HNSW), the library's usual
 * neighbourOverflow 1.2 and alpha 1.2; GraphSearcher (one per thread) with beam width ef.
 */
public final class JVectorLibrary implements AnnLibrary {
  private static final VectorTypeSupport VECTORS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  @Override
  public String name() {
    return "jvector";
  }

  @Override
  public BuiltIndex build(BuildRequest request) throws Exception {
    Metric metric = request.metric();
    Vectors.requireBuiltIn(metric);
    VectorSimilarityFunction similarity = switch (metric.kind()) {
      case L2 -> VectorSimilarityFunction.EUCLIDEAN;
      default -> VectorSimilarityFunction.DOT_PRODUCT; // cosine on unit vectors, or ip
    };
    float[][] base = Vectors.prepare(request.base(), metric);
    List<VectorFloat<?>> rows = new ArrayList<>(base.length);
    for (float[] row : base) {
      rows.add(VECTORS.createFloatVector(row));
    }
    RandomAccessVectorValues values = new ListRandomAccessVectorValues(rows, base[0].length);
    BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(values, similarity);
    ForkJoinPool pool = new ForkJoinPool(request.threads());
    ImmutableGraphIndex graph;
    try (GraphIndexBuilder builder = new GraphIndexBuilder(scores, base[0].length,
        List.of(2 * request.m(), request.m()), request.efConstruction(), 1.2f, 1.2f, true, true,
        pool, pool)) {
      graph = builder.build(values);
    } finally {
      pool.shutdown();
    }
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        long graphBytes = graph instanceof OnHeapGraphIndex onHeap ? onHeap.ramBytesUsed() : 0;
        return graphBytes + Vectors.vectorBytes(base);
      }

      @Override
      public Searcher searcher() {
        GraphSearcher searcher = new GraphSearcher(graph);
        int linkBytes = 4 * (2 * request.m() + 1);
        long vectorBytes = 4L * base[0].length;
        return new Searcher() {
          @Override
          public int[] search(float[] query, int k, int ef) {
            SearchResult.NodeScore[] nodes = run(query, k, ef).getNodes();
            int[] ids = new int[nodes.length];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = nodes[i].node;
            }
            return ids;
          }

          // JVector counts its own walk: nodes scored (visited) and lists read (expanded).
          @Override
          public SearchWork work(float[] query, int k, int ef) {
            SearchResult result = run(query, k, ef);
            return new SearchWork(result.getVisitedCount(), result.getExpandedCount(),
                result.getVisitedCount() * vectorBytes + (double) result.getExpandedCount() * linkBytes);
          }

          private SearchResult run(float[] query, int k, int ef) {
            VectorFloat<?> q = VECTORS.createFloatVector(Vectors.prepare(query, metric));
            return searcher.search(DefaultSearchScoreProvider.exact(q, similarity, values), k,
                Math.max(ef, k), 0f, 0f, Bits.ALL);
          }
        };
      }
    };
  }
}
