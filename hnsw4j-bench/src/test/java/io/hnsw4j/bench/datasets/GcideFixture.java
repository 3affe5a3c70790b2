package io.hnsw4j.bench.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Articles written for these tests in the layout of the Debian package dict-gcide (not taken from
 * GCIDE), and a writer of dictd index and dictionary files holding them.
 */
final class GcideFixture {
  /** Numbered senses and sub-senses, a quotation, a note, a phrase, a synonym list. */
  static final String LANTERN =
      """
      Lantern \\Lan"tern\\ (l[a^]n"t[~e]rn), n. [F. lanterne, fr. L.
         lanterna, laterna.]
         1. Something that holds a light and shields it from the wind;
            as, a paper lantern.
            [1913 Webster]

                  The lantern swung beside the gate.    --Anon.
            [1913 Webster]

         2. (Arch.) A small tower on a roof or dome, open at the sides
            to let in light and air.
            [1913 Webster]

         3. (Zool.)
            (a) The light-giving organ of a firefly.
            (b) A part of the shell of a sea urchin; -- called also
                {Aristotle's lantern}.
                [1913 Webster]

         Note: Lanterns were once made with panes of horn. [Obs.]
               [1913 Webster]

         {Dark lantern}, a lantern whose light can be hidden by a
            sliding cover.
            [1913 Webster]

         Syn: Lamp; light.
      """;

  /** What GcideArticle makes of LANTERN. */
  static final List<String> LANTERN_DEFINITIONS =
      List.of(
          "Lantern: Something that holds a light and shields it from the wind; as, a paper"
              + " lantern.",
          "Lantern: (Arch.) A small tower on a roof or dome, open at the sides to let in light"
              + " and air.",
          "Lantern: (Zool.)",
          "Lantern: The light-giving organ of a firefly.",
          "Lantern: A part of the shell of a sea urchin; -- called also Aristotle's lantern.",
          "Dark lantern, a lantern whose light can be hidden by a sliding cover.");

  /** An etymology over two lines, an accent escape, an author's citation. */
  static final String GLIMMER =
      """
      Glimmer \\Glim"mer\\, v. i. [imp. & p. p. {Glimmered}; p. pr. &
         vb. n. {Glimmering}.] [Akin to {Gleam}.]
         To shine faintly and unsteadily; as, the caf['e] lights
         glimmered through the fog. --Old Song.
         [1913 Webster]
      """;

  static final String GLIMMER_DEFINITION =
      "Glimmer: To shine faintly and unsteadily; as, the cafe lights glimmered through the fog.";

  /** A plural on the header's second line, a degree sign, a derived form. */
  static final String NEBULA =
      """
      Nebula \\Neb"u*la\\, n.; pl. L. {Nebul[ae]}, E.
         {Nebulas}. [L., mist.] (Astron.)
         A faint cloud of gas and dust among the stars, seen at
         10[deg] above the horizon. -- Neb"u*lar, a.
         [1913 Webster +PJC]
      """;

  static final String NEBULA_DEFINITION =
      "Nebula: A faint cloud of gas and dust among the stars, seen at 10\u00b0 above the horizon.";

  /** The later, WordNet-like style: lower case, no etymology. */
  static final String WEB_BROWSER =
      """
      web browser \\web browser\\ n.
         a computer program that fetches and shows pages of the World
         Wide Web.
         [PJC]
      """;

  static final String WEB_BROWSER_DEFINITION =
      "web browser: a computer program that fetches and shows pages of the World Wide Web.";

  /** A second sense with markup the cleaning does not know, which is dropped. */
  static final String ODD =
      """
      Odd \\Odd\\, a.
         1. Not even; as, three is an odd number.
            [1913 Webster]

         2. Strange \\Strange\\ in a [broken way.
            [1913 Webster]
      """;

  static final String ODD_DEFINITION = "Odd: Not even; as, three is an odd number.";

  /** The same definition as GLIMMER's, under another part of speech. */
  static final String GLIMMER_AGAIN =
      """
      Glimmer \\Glim"mer\\, n.
         To shine faintly and unsteadily; as, the caf['e] lights
         glimmered through the fog.
         [1913 Webster]
      """;

  /** One definition longer than GcideCorpus.MAX_CHARS. */
  static final String LONG =
      "Long \\Long\\, a.\n   " + "very ".repeat(90) + "long.\n   [1913 Webster]\n";

  static final String DATABASE_INFO = "00-database-short\n   A dictionary for tests\n";

  private static final String DIGITS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private GcideFixture() {}

  /** A number in dictd's base-64 digits. */
  static String encode(long value) {
    StringBuilder s = new StringBuilder();
    do {
      s.insert(0, DIGITS.charAt((int) (value % 64)));
      value /= 64;
    } while (value > 0);
    return s.toString();
  }

  /**
   * Writes {@code gcide.index} and {@code gcide.dict.dz} (gzip) into {@code folder}: the database
   * entry, then the articles in this order, each listed under its headword; Lantern also under
   * "Dark lantern". The index is in alphabetical order, not the file's.
   */
  static void write(Path folder) throws IOException {
    List<String> articles =
        List.of(DATABASE_INFO, LANTERN, GLIMMER, NEBULA, WEB_BROWSER, ODD, GLIMMER_AGAIN, LONG);
    List<String> headwords =
        List.of(
            "00-database-short", "Lantern", "Glimmer", "Nebula", "web browser", "Odd", "Glimmer",
            "Long");
    StringBuilder dict = new StringBuilder();
    List<String> index = new ArrayList<>();
    String lanternEntry = null;
    for (int i = 0; i < articles.size(); i++) {
      String entry = encode(dict.length()) + "\t" + encode(articles.get(i).length());
      index.add(headwords.get(i) + "\t" + entry);
      if (articles.get(i) == LANTERN) {
        lanternEntry = entry;
      }
      dict.append(articles.get(i)).append('\n');
    }
    index.add("Dark lantern\t" + lanternEntry);
    index.sort(String.CASE_INSENSITIVE_ORDER);
    Files.write(folder.resolve("gcide.index"), index, StandardCharsets.UTF_8);
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(folder.resolve("gcide.dict.dz")))) {
      out.write(dict.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }
}
