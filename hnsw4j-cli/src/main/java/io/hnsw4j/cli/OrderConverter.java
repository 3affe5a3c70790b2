package io.hnsw4j.cli;

import io.hnsw4j.InsertionOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads --order: given, random, lid-ascending or lid-descending. */
public final class OrderConverter implements ITypeConverter<InsertionOrder> {
  @Override
  public InsertionOrder convert(String value) {
    for (InsertionOrder order : InsertionOrder.values()) {
      if (name(order).equals(value.strip().toLowerCase(Locale.ROOT).replace('_', '-'))) {
        return order;
      }
    }
    throw new TypeConversionException("unknown order '" + value + "'; use " + String.join(", ", new Names()));
  }

  /** The option's spelling of an order: lid-ascending for LID_ASCENDING. */
  public static String name(InsertionOrder order) {
    return order.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The names, which an option's help shows as {@code ${COMPLETION-CANDIDATES}}. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(InsertionOrder.values()).map(OrderConverter::name).iterator();
    }
  }
}
