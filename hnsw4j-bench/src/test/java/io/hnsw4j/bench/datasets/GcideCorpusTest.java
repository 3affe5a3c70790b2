package io.hnsw4j.bench.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading dictd files: the index, dictzip, the filters, and the errors. */
class GcideCorpusTest {
  @TempDir Path tmp;

  @Test
  void readsEachArticleOnceInFileOrderAndFiltersTheTexts() throws Exception {
    GcideFixture.write(tmp);
    GcideCorpus.Texts t = GcideCorpus.read(tmp);
    List<String> expected = new ArrayList<>(GcideFixture.LANTERN_DEFINITIONS);
    expected.remove("Lantern: (Zool.)"); // under three words
    expected.add(GcideFixture.GLIMMER_DEFINITION);
    expected.add(GcideFixture.NEBULA_DEFINITION);
    expected.add(GcideFixture.WEB_BROWSER_DEFINITION);
    expected.add(GcideFixture.ODD_DEFINITION);
    assertEquals(
        expected,
        t.texts());
    // Lantern is listed twice in the index, the database entry not at all.
    assertEquals(7, t.articles());
    assertEquals(12, t.definitions());
    assertEquals(1, t.duplicates()); // the second Glimmer
    assertEquals(1, t.tooShort()); // "Lantern: (Zool.)"
    assertEquals(1, t.tooLong()); // Long
  }

  @Test
  void readsAnUncompressedDictionaryToo() throws Exception {
    GcideFixture.write(tmp);
    Path plain = tmp.resolve("gcide.dict");
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(tmp.resolve("gcide.dict.dz")))) {
      Files.write(plain, in.readAllBytes());
    }
    Files.delete(tmp.resolve("gcide.dict.dz"));
    assertEquals(9, GcideCorpus.read(tmp).texts().size());
  }

  @Test
  void decodesDictdBase64() throws Exception {
    Path index = Path.of("gcide.index");
    assertEquals(0, GcideCorpus.decode("A", index, 1));
    assertEquals(63, GcideCorpus.decode("/", index, 1));
    assertEquals(64, GcideCorpus.decode("BA", index, 1));
    // The offset of the article "Dog" in Debian's gcide.index: ((40 * 64 + 52) * 64 + 38) * 64 + 7.
    assertEquals(10_701_191, GcideCorpus.decode("o0mH", index, 1));
    for (long v : new long[] {1, 65, 4095, 4096, 40_000_000, 1L << 40}) {
      assertEquals(v, GcideCorpus.decode(GcideFixture.encode(v), index, 1));
    }
  }

  @Test
  void aMissingFolderSaysWhichPackageToInstall() {
    IOException e = assertThrows(IOException.class, () -> GcideCorpus.read(tmp));
    assertTrue(e.getMessage().contains("gcide.index"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install dict-gcide"), e.getMessage());
  }

  @Test
  void malformedIndexLinesNameTheFileAndLine() throws Exception {
    GcideFixture.write(tmp);
    assertIndexError("Lantern\tB\n" + "Odd\tA\tB\n", "line 1: expected headword, offset and length");
    assertIndexError("Lantern\tA\tB\nOdd\tA!\tB\n", "line 2: bad base-64 digit in \"A!\"");
    assertIndexError("Lantern\tA\t\n", "line 1: bad base-64 number \"\"");
    assertIndexError("Lantern\tZZZZ\tB\n", "lies past the end of");
    assertIndexError("00-database-short\tA\tB\n", "lists no articles");
  }

  private void assertIndexError(String index, String expected) throws IOException {
    Path file = tmp.resolve("gcide.index");
    Files.writeString(file, index, StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> GcideCorpus.read(tmp), index);
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aCorruptDictzipNamesTheFile() throws Exception {
    GcideFixture.write(tmp);
    Path dict = tmp.resolve("gcide.dict.dz");
    Files.writeString(dict, "not gzip at all");
    IOException e = assertThrows(IOException.class, () -> GcideCorpus.read(tmp));
    assertTrue(e.getMessage().contains(dict.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not a valid dictzip/gzip file"), e.getMessage());
  }
}
