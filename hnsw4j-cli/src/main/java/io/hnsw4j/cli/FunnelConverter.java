package io.hnsw4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Parses {@code --funnel 64} or {@code --funnel 32,128}: the funnel's prefix lengths. */
final class FunnelConverter implements CommandLine.ITypeConverter<int[]> {
  @Override
  public int[] convert(String value) {
    List<Integer> lengths = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      try {
        lengths.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "bad --funnel '" + value + "': give prefix lengths such as 64 or 32,128");
      }
    }
    return lengths.stream().mapToInt(Integer::intValue).toArray();
  }
}
