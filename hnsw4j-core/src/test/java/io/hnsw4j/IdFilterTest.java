package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hnsw4j.testutil.TestData;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** A filter that knows its passing ids gets exact answers, whatever path the index takes. */
class IdFilterTest {
  private static final long SEED = 31;

  @Test
  void knownFiltersGiveTheExactFilteredAnswer() {
    float[][] data = TestData.clustered(4000, 16, 8, SEED);
    long[] ids = TestData.sequentialIds(data.length);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(16).seed(SEED).build());
        ExactIndex exact = ExactIndex.create(16, Metric.L2)) {
      index.addAll(ids, data, 2);
      exact.addAll(ids, data, 2);
      SplittableRandom random = new SplittableRandom(SEED);
      // 0.5%, 5% and 50% of the ids pass; the first two are listed, the last only counted.
      for (int passEvery : new int[] {200, 20, 2}) {
        long[] passing = java.util.stream.LongStream.range(0, data.length)
            .filter(id -> id % passEvery == 1).toArray();
        IdFilter filter = new IdFilter() {
          @Override
          public boolean test(long id) {
            return id % passEvery == 1;
          }

          @Override
          public long estimatedCount() {
            return passing.length;
          }

          @Override
          public long[] passingIds() {
            // Unknown ids and duplicates are ignored.
            long[] withNoise = java.util.Arrays.copyOf(passing, passing.length + 2);
            withNoise[passing.length] = -5;
            withNoise[passing.length + 1] = passing[0];
            return withNoise;
          }
        };
        for (int q = 0; q < 20; q++) {
          float[] query = data[random.nextInt(data.length)].clone();
          query[0] += 0.01f;
          List<SearchResult> got = index.search(query, 10, 400, filter);
          List<SearchResult> want = exact.search(query, 10, 400, (LongPredicate) filter::test);
          assertEquals(ids(want), ids(got), "seed " + SEED + ", 1 in " + passEvery + " passing");
        }
      }
    }
  }

  private static List<Long> ids(List<SearchResult> results) {
    return results.stream().map(SearchResult::id).toList();
  }
}
