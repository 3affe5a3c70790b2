package io.hnsw4j.bench.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one article of the GCIDE dictionary, as the Debian package {@code dict-gcide} stores it
 * for dictd, into plain one-line definitions.
 *
 * <p>An article starts with a header: the headword, its pronunciation between backslashes, the
 * part of speech and an etymology in square brackets that may run over several lines. Then come
 * blank-line separated paragraphs: numbered senses ({@code 1.}, sub-senses {@code (a)}), each
 * closed by a source tag such as {@code [1913 Webster]}; quotations indented deeper than the
 * senses; notes ({@code Note:}, {@code Syn:}, {@code Usage:}); and phrases in braces ({@code
 * {Dog days}, the hot days of summer}). Senses become {@code "headword: definition"} and phrases
 * {@code "phrase, definition"}; quotations and notes are dropped.
 *
 * <p>The cleaning: a definition ends at its source tag; the dictionary's character escapes
 * ({@code [ae]}, {@code ['e]}, {@code [=o]}...) become plain letters; what is left in square
 * brackets (usage labels, etymologies) is dropped, and so are braces, author citations ({@code
 * --Shak.}) and derived forms ({@code -- Ap"po*site*ly, adv.}); white space is collapsed.
 */
public final class GcideArticle {
  // A sense marker at the start of a line: "1." or "(a)", indented as senses are.
  private static final Pattern SENSE = Pattern.compile("^ {0,8}(\\d+\\.|\\([a-z]\\))\\s+");
  // A line that goes on with the header rather than start a definition: the rest of an
  // etymology, pronunciation or plural, a part of speech ("n.", "v. t."), "& n.", "277), a.".
  private static final Pattern HEADER_GOES_ON =
      Pattern.compile(
          "^\\s*([\\[\\\\{&,;?\\-.]|\\([^)\\s]*[\\[\"`?]|\\d+[);,]"
              + "|(n|a|v|t|i|adj|adv|pl|p|prop|pron|prep|conj|interj|imp|pr|sing|superl|compar)\\.)");
  // "Note:", "Syn:", "Usage:" and the like open a paragraph that is not a definition.
  private static final Pattern NOTE = Pattern.compile("^[A-Z][a-z]*\\.?:");
  // Source tags close a definition: what follows them (quotations, stray words) is not part of it.
  private static final Pattern SOURCE =
      Pattern.compile("\\[[^\\]]*(Webster|WordNet|PJC|Century|RHUD|MW10|Chambers)[^\\]]*\\]");
  private static final Pattern ESCAPE = Pattern.compile("\\[([^\\]\\[ ]{1,6})\\]");
  private static final Pattern ACCENTED = Pattern.compile("['`\"^~=\\-.,*]([A-Za-z])|([A-Za-z])\\^");
  private static final Pattern BRACKETS = Pattern.compile("\\[[^\\]]*\\]");
  // "--Shak." or "--1 Sam. xxiv." (no space after the dashes) cites an author: cut from there.
  private static final Pattern CITATION = Pattern.compile("\\s--\\S.*$");
  // "-- Ap"po*site*ly, adv." lists derived words, marked by the syllable signs " and *.
  private static final Pattern DERIVED = Pattern.compile("\\s--\\s+\\S*[\"*]\\S*.*$");
  // Markup that cleaning did not account for: such a definition is dropped rather than kept garbled.
  private static final Pattern LEFTOVER = Pattern.compile("[\\\\\\[\\]`]|\\w[*\"]\\w");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.;:])");
  // Character escapes whose letters are not simply the base letter of an accent.
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("ae", "ae"),
          Map.entry("AE", "Ae"),
          Map.entry("oe", "oe"),
          Map.entry("OE", "Oe"),
          Map.entry("eth", "th"),
          Map.entry("thorn", "th"),
          Map.entry("th", "th"),
          Map.entry("ng", "ng"),
          Map.entry("add", "a"),
          Map.entry("aum", "a"),
          Map.entry("asl", "a"),
          Map.entry("imac", "i"),
          Map.entry("udd", "u"),
          Map.entry("=oo", "oo"),
          Map.entry("oo^", "oo"),
          Map.entry("deg", "\u00b0"),
          Map.entry("sect", "\u00a7"),
          Map.entry("pounds", "\u00a3"),
          Map.entry("times", "\u00d7"),
          Map.entry("root", "\u221a"),
          Map.entry("middot", "\u00b7"),
          Map.entry("nbsp", " "),
          Map.entry("ldqo", "\""),
          Map.entry("rdqo", "\""),
          Map.entry("rsquo", "'"),
          Map.entry("alpha", "\u03b1"),
          Map.entry("beta", "\u03b2"),
          Map.entry("gamma", "\u03b3"),
          Map.entry("delta", "\u03b4"),
          Map.entry("pi", "\u03c0"),
          Map.entry("mu", "\u03bc"),
          Map.entry("sigma", "\u03c3"),
          Map.entry("theta", "\u03b8"),
          Map.entry("lambda", "\u03bb"),
          Map.entry("phi", "\u03c6"));

  private GcideArticle() {}

  /**
   * The definitions of one article, in the article's order, each on one line; may be empty.
   *
   * @param article the article's text, lines separated by {@code \n}
   */
  public static List<String> definitions(String article) {
    String[] lines = article.split("\r?\n", -1);
    int bodyStart = headerEnd(lines);
    String headword = headword(lines[0]);
    List<String> out = new ArrayList<>();
    List<String> paragraph = new ArrayList<>();
    for (int i = bodyStart; i <= lines.length; i++) {
      if (i == lines.length || lines[i].isBlank()) {
        addParagraph(headword, paragraph, out);
        paragraph.clear();
      } else {
        paragraph.add(lines[i]);
      }
    }
    return out;
  }

  /** The headword: the first line up to the pronunciation, which starts with a backslash. */
  static String headword(String firstLine) {
    int pronunciation = firstLine.indexOf('\\');
    String word = pronunciation < 0 ? firstLine : firstLine.substring(0, pronunciation);
    return clean(word);
  }

  // The header is the first line and the lines after it while a bracket or parenthesis is open,
  // or the next line plainly continues it or holds a pronunciation (between backslashes).
  private static int headerEnd(String[] lines) {
    int depth = 0;
    int i = 0;
    do {
      depth += count(lines[i], '[') - count(lines[i], ']');
      depth += count(lines[i], '(') - count(lines[i], ')');
      i++;
    } while (i < lines.length
        && !lines[i].isBlank()
        && (depth > 0 || lines[i].indexOf('\\') >= 0 || HEADER_GOES_ON.matcher(lines[i]).find()));
    return i;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += s.charAt(i) == c ? 1 : 0;
    }
    return n;
  }

  private static void addParagraph(String headword, List<String> lines, List<String> out) {
    if (lines.isEmpty()) {
      return;
    }
    String first = lines.get(0);
    String firstTrimmed = first.strip();
    int indent = first.length() - first.stripLeading().length();
    if (NOTE.matcher(firstTrimmed).find()) {
      return;
    }
    if (firstTrimmed.startsWith("{")) {
      addIfAny(clean(String.join(" ", lines)), "", out);
      return;
    }
    if (indent >= 8 && !SENSE.matcher(first).find()) {
      return; // a quotation
    }
    // Each sense marker opens a new definition; lines before any marker belong to the first.
    StringBuilder sense = new StringBuilder();
    for (String line : lines) {
      Matcher marker = SENSE.matcher(line);
      if (marker.find()) {
        addIfAny(clean(sense.toString()), headword, out);
        sense.setLength(0);
        line = line.substring(marker.end());
      }
      sense.append(' ').append(line);
    }
    addIfAny(clean(sense.toString()), headword, out);
  }

  private static void addIfAny(String definition, String headword, List<String> out) {
    if (!definition.isEmpty() && !LEFTOVER.matcher(definition).find()) {
      out.add(headword.isEmpty() ? definition : headword + ": " + definition);
    }
  }

  /** One definition's text, cleaned as the class comment says, on one line. */
  static String clean(String text) {
    Matcher source = SOURCE.matcher(text);
    String t = source.find() ? text.substring(0, source.start()) : text;
    t = ESCAPE.matcher(t).replaceAll(m -> Matcher.quoteReplacement(unescape(m.group(1), m.group())));
    t = BRACKETS.matcher(t).replaceAll("");
    t = t.replace("{", "").replace("}", "");
    t = t.replaceAll("\\s+", " ");
    t = CITATION.matcher(t).replaceFirst("");
    t = DERIVED.matcher(t).replaceFirst("");
    t = SPACE_BEFORE_PUNCTUATION.matcher(t).replaceAll("$1");
    return t.strip();
  }

  // The letters an escape stands for, or the escape itself (later dropped with the brackets).
  private static String unescape(String escape, String whole) {
    String named = NAMED.get(escape);
    if (named != null) {
      return named;
    }
    Matcher accented = ACCENTED.matcher(escape);
    if (accented.matches()) {
      return accented.group(1) != null ? accented.group(1) : accented.group(2);
    }
    return whole;
  }
}
