package io.hnsw4j.cli;

import io.hnsw4j.datasets.VectorFormat;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --format} value by the names of {@link VectorFormat} (fvecs, npy, hdf5...); an
 * unknown name is a usage error that lists the known ones.
 */
public final class FormatConverter implements ITypeConverter<VectorFormat> {
  @Override
  public VectorFormat convert(String value) {
    try {
      return VectorFormat.fromName(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The format names, which an option's help shows as {@code ${COMPLETION-CANDIDATES}}. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(VectorFormat.values()).map(VectorFormat::extension).iterator();
    }
  }
}
