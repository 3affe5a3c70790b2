package io.hnsw4j.cli;

import io.hnsw4j.Funnel;
import java.util.Locale;
import picocli.CommandLine;

/** Parses {@code --rotation none|pca}, case-insensitively. */
final class RotationConverter implements CommandLine.ITypeConverter<Funnel.Rotation> {
  @Override
  public Funnel.Rotation convert(String value) {
    try {
      return Funnel.Rotation.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException("unknown rotation '" + value + "'; use none or pca");
    }
  }
}
