package io.hnsw4j.bench.peers;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.AnnLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's HNSW as a library ({@code org.apache.lucene.util.hnsw}): HnswGraphBuilder over vectors
 * on the heap, HnswGraphSearcher to query; no index, no codec. Lucene builds this way on one
 * thread only (its concurrent builder needs package-private parts), so the N-thread build time is
 * reported as unknown (-1).
 */
public final class LuceneHnswLibrary implements AnnLibrary {

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public boolean buildsWithThreads() {
    return false;
  }

  static VectorSimilarityFunction similarity(Metric metric) {
    Vectors.requireBuiltIn(metric);
    return switch (metric.kind()) {
      case L2 -> VectorSimilarityFunction.EUCLIDEAN;
      case COSINE -> VectorSimilarityFunction.DOT_PRODUCT; // on unit vectors
      default -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
    };
  }

  @Override
  public BuiltIndex build(BuildRequest request) throws IOException {
    float[][] base = Vectors.prepare(request.base(), request.metric());
    VectorSimilarityFunction similarity = similarity(request.metric());
    FloatVectorValues values = FloatVectorValues.fromFloats(Arrays.asList(base), base[0].length);
    RandomVectorScorerSupplier supplier =
        DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(similarity, values);
    HnswGraphBuilder builder = HnswGraphBuilder.create(
        supplier, request.m(), request.efConstruction(), request.seed());
    OnHeapHnswGraph graph = builder.build(base.length);
    Metric metric = request.metric();
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        return graph.ramBytesUsed() + Vectors.vectorBytes(base);
      }

      @Override
      public Searcher searcher() {
        FloatVectorValues own;
        try {
          own = values.copy();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        HnswGraph view = new CursorView(graph);
        return (query, k, ef) -> {
          try {
            TopKnnCollector collector = new TopKnnCollector(Math.max(ef, k), Integer.MAX_VALUE);
            HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                similarity, own, Vectors.prepare(query, metric)), collector, view, null);
            ScoreDoc[] docs = collector.topDocs().scoreDocs;
            int[] ids = new int[Math.min(k, docs.length)];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = docs[i].doc;
            }
            return ids;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
      }
    };
  }

  /**
   * The built graph with a neighbour cursor of its own: OnHeapHnswGraph keeps its cursor in the
   * graph, so threads searching it at once need one view each.
   */
  private static final class CursorView extends HnswGraph {
    private final OnHeapHnswGraph graph;
    private int[] nodes = new int[0];
    private int size;
    private int upto;

    CursorView(OnHeapHnswGraph graph) {
      this.graph = graph;
    }

    @Override
    public void seek(int level, int target) {
      NeighborArray neighbors = graph.getNeighbors(level, target);
      nodes = neighbors.nodes();
      size = neighbors.size();
      upto = -1;
    }

    @Override
    public int nextNeighbor() {
      return ++upto < size ? nodes[upto] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int size() {
      return graph.size();
    }

    @Override
    public int numLevels() {
      return graph.numLevels();
    }

    @Override
    public int maxConn() {
      return graph.maxConn();
    }

    @Override
    public int entryNode() {
      return graph.entryNode();
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
      return graph.getNodesOnLevel(level);
    }

    @Override
    public int neighborCount() {
      return size;
    }
  }
}
