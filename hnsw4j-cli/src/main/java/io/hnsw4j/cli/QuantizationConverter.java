package io.hnsw4j.cli;

import io.hnsw4j.Quantization;
import java.util.Locale;
import picocli.CommandLine;

/** Parses {@code --quantization none|int8|int4|binary}, case-insensitively. */
final class QuantizationConverter implements CommandLine.ITypeConverter<Quantization> {
  @Override
  public Quantization convert(String value) {
    try {
      return Quantization.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException("unknown quantization '" + value + "'; use none, int8, int4 or binary");
    }
  }
}
