package io.hnsw4j.bench.peers;

import io.hnsw4j.cli.bench.AnnLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene as applications use it: documents with a {@link KnnFloatVectorField} indexed by an
 * IndexWriter (Lucene99HnswVectorsFormat with the same M and beam width), force-merged into one
 * segment, searched with {@link KnnFloatVectorQuery} through an IndexSearcher over the
 * memory-mapped directory. With N threads, N threads add documents and the merge uses N workers.
 * Memory is the size of the index files (vectors and graph), which the searches read mapped.
 */
public final class LuceneQueryLibrary implements AnnLibrary {
  private static final String FIELD = "v";
  private static final String ID = "id";

  @Override
  public String name() {
    return "lucene-query";
  }

  @Override
  public BuiltIndex build(BuildRequest request) throws IOException, InterruptedException {
    float[][] base = Vectors.prepare(request.base(), request.metric());
    VectorSimilarityFunction similarity = LuceneHnswLibrary.similarity(request.metric());
    Path dir = Files.createTempDirectory("hnsw4j-bench-lucene");
    int threads = request.threads();
    ExecutorService mergePool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    KnnVectorsFormat format = threads > 1
        ? new Lucene99HnswVectorsFormat(request.m(), request.efConstruction(), threads, mergePool)
        : new Lucene99HnswVectorsFormat(request.m(), request.efConstruction());
    IndexWriterConfig config = new IndexWriterConfig()
        .setCodec(new Lucene104Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        })
        .setRAMBufferSizeMB(2048)
        .setUseCompoundFile(false)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    FSDirectory directory = FSDirectory.open(dir);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      addDocuments(writer, base, similarity, threads);
      writer.forceMerge(1);
      writer.commit();
    } finally {
      if (mergePool != null) {
        mergePool.shutdown();
      }
    }
    DirectoryReader reader = DirectoryReader.open(directory);
    if (reader.leaves().size() != 1) {
      throw new IllegalStateException("expected one segment, got " + reader.leaves().size());
    }
    int[] docToRow = docToRow(reader.leaves().getFirst().reader());
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    long fileBytes = directorySize(dir);
    io.hnsw4j.Metric metric = request.metric();
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        return fileBytes;
      }

      @Override
      public Searcher searcher() {
        return (query, k, ef) -> {
          try {
            KnnFloatVectorQuery q =
                new KnnFloatVectorQuery(FIELD, Vectors.prepare(query, metric), Math.max(ef, k));
            ScoreDoc[] docs = searcher.search(q, k).scoreDocs;
            int[] ids = new int[docs.length];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = docToRow[docs[i].doc];
            }
            return ids;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
      }

      @Override
      public void close() throws IOException {
        reader.close();
        directory.close();
        deleteTree(dir);
      }
    };
  }

  private static void addDocuments(IndexWriter writer, float[][] base,
      VectorSimilarityFunction similarity, int threads) throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) base.length * t / threads);
        int to = (int) ((long) base.length * (t + 1) / threads);
        parts.add(pool.submit(() -> {
          for (int i = from; i < to; i++) {
            Document doc = new Document();
            doc.add(new KnnFloatVectorField(FIELD, base[i], similarity));
            doc.add(new NumericDocValuesField(ID, i));
            writer.addDocument(doc);
          }
          return null;
        }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("adding documents failed", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** Merges reorder documents: the stored row number of each, read once outside the timing. */
  private static int[] docToRow(LeafReader leaf) throws IOException {
    int[] map = new int[leaf.maxDoc()];
    NumericDocValues ids = leaf.getNumericDocValues(ID);
    for (int doc = ids.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = ids.nextDoc()) {
      map[doc] = (int) ids.longValue();
    }
    return map;
  }

  private static long directorySize(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
