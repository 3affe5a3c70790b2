package io.hnsw4j.bench.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the GCIDE dictionary in the dictd format of the Debian package {@code dict-gcide} ({@code
 * /usr/share/dictd/gcide.index} and {@code gcide.dict.dz}) and gives its definitions as
 * distinct one-line texts.
 *
 * <p>The index has one line per headword: the headword, the article's byte offset and its length,
 * both in dictd's base-64 digits ({@code A-Z a-z 0-9 + /}), separated by tabs. Several headwords
 * point to the same article; each article is read once, in the order of the dictionary file.
 * Entries whose headword starts with {@code 00-database-} (or {@code 00-} in general) describe the
 * database and are skipped. The {@code .dict.dz} is dictzip, which gzip reads; a plain {@code
 * .dict} is read as it is. Text is UTF-8 when the index has a {@code 00-database-utf8} entry (the
 * dictd convention), otherwise windows-1252 (GCIDE is ASCII save for three stray bytes).
 */
public final class GcideCorpus {
  /** A definition needs at least this many words after its headword to be kept. */
  public static final int MIN_WORDS = 3;

  /** Longer texts are dropped: they would dominate the embedding time and exceed 128 tokens. */
  public static final int MAX_CHARS = 400;

  private static final String DIGITS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private GcideCorpus() {}

  /** What {@link #read} found: the kept texts, and how many definitions were dropped and why. */
  public record Texts(
      List<String> texts, int articles, int definitions, int duplicates, int tooShort, int tooLong) {}

  /** An article's place in the dictionary file. */
  record Entry(long offset, int length) {}

  /**
   * Reads {@code gcide.index} and {@code gcide.dict.dz} (or {@code gcide.dict}) from a folder.
   *
   * @throws IOException naming the file when one is missing, an index line is malformed or points
   *     past the end of the dictionary
   */
  public static Texts read(Path folder) throws IOException {
    Path index = folder.resolve("gcide.index");
    Path dict = folder.resolve("gcide.dict.dz");
    if (!Files.exists(dict)) {
      dict = folder.resolve("gcide.dict");
    }
    for (Path p : List.of(index, dict)) {
      if (!Files.isRegularFile(p)) {
        throw new IOException(
            "no " + p + " (is the Debian package dict-gcide installed? apt-get install dict-gcide)");
      }
    }
    return read(index, dict);
  }

  /** Reads the given index and dictionary files; see {@link #read(Path)}. */
  public static Texts read(Path index, Path dict) throws IOException {
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
    Charset charset =
        lines.stream().anyMatch(l -> l.startsWith("00-database-utf8"))
            ? StandardCharsets.UTF_8
            : Charset.forName("windows-1252");
    List<Entry> entries = entries(index, lines);
    byte[] bytes = readDict(dict);
    Set<String> seen = new LinkedHashSet<>();
    int definitions = 0;
    int duplicates = 0;
    int tooShort = 0;
    int tooLong = 0;
    for (Entry e : entries) {
      if (e.offset() + e.length() > bytes.length) {
        throw new IOException(
            String.format(
                "%s: an article at byte %d (%d bytes) lies past the end of %s (%d bytes)",
                index, e.offset(), e.length(), dict, bytes.length));
      }
      String article = new String(bytes, (int) e.offset(), e.length(), charset);
      for (String d : GcideArticle.definitions(article)) {
        definitions++;
        if (words(d) < MIN_WORDS) {
          tooShort++;
        } else if (d.length() > MAX_CHARS) {
          tooLong++;
        } else if (!seen.add(d)) {
          duplicates++;
        }
      }
    }
    return new Texts(
        List.copyOf(seen), entries.size(), definitions, duplicates, tooShort, tooLong);
  }

  // Words of the definition proper: after "headword: " for senses, the whole text for phrases.
  private static int words(String definition) {
    int colon = definition.indexOf(": ");
    String text = colon < 0 ? definition : definition.substring(colon + 2);
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }

  /** The distinct articles the index points to, in the order of the dictionary file. */
  static List<Entry> entries(Path index, List<String> lines) throws IOException {
    Set<Entry> entries = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || line.startsWith("00-")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length < 3) {
        throw new IOException(
            index + " line " + (i + 1) + ": expected headword, offset and length separated by tabs");
      }
      long offset = decode(fields[1], index, i + 1);
      long length = decode(fields[2], index, i + 1);
      if (length > Integer.MAX_VALUE) {
        throw new IOException(index + " line " + (i + 1) + ": article length " + length);
      }
      entries.add(new Entry(offset, (int) length));
    }
    if (entries.isEmpty()) {
      throw new IOException(index + " lists no articles");
    }
    Entry[] sorted = entries.toArray(new Entry[0]);
    Arrays.sort(sorted, (a, b) -> Long.compare(a.offset(), b.offset()));
    return Arrays.asList(sorted);
  }

  /** A number in dictd's base-64 digits, most significant first. */
  static long decode(String digits, Path index, int line) throws IOException {
    if (digits.isEmpty() || digits.length() > 10) {
      throw new IOException(index + " line " + line + ": bad base-64 number \"" + digits + "\"");
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = DIGITS.indexOf(digits.charAt(i));
      if (d < 0) {
        throw new IOException(
            index + " line " + line + ": bad base-64 digit in \"" + digits + "\"");
      }
      value = value * 64 + d;
    }
    return value;
  }

  private static byte[] readDict(Path dict) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(dict), 1 << 16);
        InputStream in = dict.toString().endsWith(".dz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      return in.readAllBytes();
    } catch (ZipException | EOFException e) {
      throw new IOException(dict + " is not a valid dictzip/gzip file: " + e.getMessage(), e);
    }
  }
}
