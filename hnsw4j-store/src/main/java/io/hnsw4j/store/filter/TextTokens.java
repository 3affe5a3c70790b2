package io.hnsw4j.store.filter;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text, as the full-text index and the {@code match.text} condition see them:
 * maximal runs of letters and digits, lower-cased (Qdrant's default word tokenizer).
 */
public final class TextTokens {
  private TextTokens() {}

  /** The distinct words of a text, in order of first appearance. */
  public static Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (i > start) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
