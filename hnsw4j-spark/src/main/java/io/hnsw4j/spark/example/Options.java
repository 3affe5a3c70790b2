package io.hnsw4j.spark.example;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of a command, checked against the names it knows. A mistake throws
 * {@link UsageException} with a one-line message.
 */
final class Options {
  /** A bad command line: the launcher prints the message and exits with status 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, String> values = new HashMap<>();

  private Options() {}

  /** Parses {@code args}, allowing only {@code known} names (without the leading dashes). */
  static Options parse(List<String> args, Set<String> known) {
    Options options = new Options();
    for (int i = 0; i < args.size(); i += 2) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
        throw new UsageException("unknown option '" + arg + "'; known: --" + String.join(", --", known.stream().sorted().toList()));
      }
      if (i + 1 >= args.size()) {
        throw new UsageException(arg + " needs a value");
      }
      options.values.put(arg.substring(2), args.get(i + 1));
    }
    return options;
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** An integer option in {@code min..max}. */
  int integer(String name, String fallback, int min, int max) {
    String text = fallback == null ? required(name) : optional(name, fallback);
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new UsageException("--" + name + " must be in " + min + ".." + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got '" + text + "'");
    }
  }

  /** A comma-separated list of integers in {@code min..max}. */
  int[] integers(String name, String fallback, int min, int max) {
    String[] parts = optional(name, fallback).split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Options one = new Options();
      one.values.put(name, parts[i].trim());
      out[i] = one.integer(name, null, min, max);
    }
    return out;
  }

  /** The metric option: l2, cosine or ip. */
  String metric() {
    String metric = required("metric");
    if (!List.of("l2", "cosine", "ip").contains(metric)) {
      throw new UsageException("--metric must be l2, cosine or ip, got '" + metric + "'");
    }
    return metric;
  }
}
