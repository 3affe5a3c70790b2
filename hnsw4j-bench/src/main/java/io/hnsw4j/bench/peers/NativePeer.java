package io.hnsw4j.bench.peers;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One native peer library (hnswlib, USearch or FAISS) compiled by
 * {@code scripts/build-native-peers.sh}, bound through the Foreign Function &amp; Memory API to
 * the C interface of {@code hnsw4j-bench/src/main/native/hnsw4j_peer.h}. The three libraries
 * export the same symbols, so the call shapes are static method handles that take the function
 * address first (constants the JIT can inline) and each library supplies its own addresses.
 */
final class NativePeer {
  /** The system property naming the folder of the compiled libraries. */
  static final String DIRECTORY_PROPERTY = "hnsw4j.native.dir";
  static final String BUILD_SCRIPT = "scripts/build-native-peers.sh";

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle TO_POINTER = handle(FunctionDescriptor.of(ADDRESS));
  private static final MethodHandle BUILD = handle(FunctionDescriptor.of(ADDRESS,
      JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle POINTER_TO_LONG =
      handle(FunctionDescriptor.of(JAVA_LONG, ADDRESS));
  private static final MethodHandle POINTER_TO_POINTER =
      handle(FunctionDescriptor.of(ADDRESS, ADDRESS));
  private static final MethodHandle SEARCH = handle(FunctionDescriptor.of(JAVA_INT,
      ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle SEARCH_WORK = handle(FunctionDescriptor.of(JAVA_INT,
      ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle FREE = handle(FunctionDescriptor.ofVoid(ADDRESS));

  /** Loaded once per JVM and never unloaded, by file. */
  private static final Map<String, NativePeer> LOADED = new ConcurrentHashMap<>();

  private final String name;
  private final MemorySegment describe;
  private final MemorySegment build;
  private final MemorySegment memoryBytes;
  private final MemorySegment searcherNew;
  private final MemorySegment search;
  private final MemorySegment searcherFree;
  /** hnsw4j_peer_search_work, or null in a library compiled before it existed. */
  private final MemorySegment searchWork;
  private final MemorySegment free;
  private final MemorySegment lastError;

  private NativePeer(String name, SymbolLookup symbols) {
    this.name = name;
    this.describe = find(symbols, "hnsw4j_peer_describe");
    this.build = find(symbols, "hnsw4j_peer_build");
    this.memoryBytes = find(symbols, "hnsw4j_peer_memory_bytes");
    this.searcherNew = find(symbols, "hnsw4j_peer_searcher_new");
    this.search = find(symbols, "hnsw4j_peer_search");
    this.searcherFree = find(symbols, "hnsw4j_peer_searcher_free");
    this.searchWork = symbols.find("hnsw4j_peer_search_work").orElse(null);
    this.free = find(symbols, "hnsw4j_peer_free");
    this.lastError = find(symbols, "hnsw4j_peer_last_error");
  }

  /**
   * The peer's library, loaded from the folder named by {@value #DIRECTORY_PROPERTY} (default
   * {@code bench-out/native}).
   *
   * @throws IllegalStateException if it has not been compiled, naming the script that does it
   */
  static NativePeer load(String name) {
    return load(name, Path.of(System.getProperty(DIRECTORY_PROPERTY, "bench-out/native")));
  }

  /** The peer's library {@code libhnsw4j-peer-NAME.so} in {@code directory}. */
  static NativePeer load(String name, Path directory) {
    Path file = directory.toAbsolutePath().normalize().resolve("libhnsw4j-peer-" + name + ".so");
    return LOADED.computeIfAbsent(file.toString(), f -> {
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(name + " is not built (no " + file + "): run "
            + BUILD_SCRIPT);
      }
      return new NativePeer(name, SymbolLookup.libraryLookup(file, Arena.global()));
    });
  }

  /** hnswlib, usearch or faiss. */
  String name() {
    return name;
  }

  /** The library, its version and how it was compiled. */
  String describe() {
    return string(invokePointer(describe));
  }

  /** Builds an index over the packed rows (count x dim floats); never NULL. */
  MemorySegment build(int dim, int metric, int m, int efConstruction, long seed,
      MemorySegment rows, long count, int threads) {
    try {
      MemorySegment index = (MemorySegment) BUILD.invokeExact(build, dim, metric, m,
          efConstruction, seed, rows, count, threads);
      return checked(index, "build");
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  long memoryBytes(MemorySegment index) {
    try {
      return (long) POINTER_TO_LONG.invokeExact(memoryBytes, index);
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  MemorySegment newSearcher(MemorySegment index) {
    try {
      return checked((MemorySegment) POINTER_TO_POINTER.invokeExact(searcherNew, index),
          "searcher");
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /** One query: writes up to k ids into {@code ids} and returns how many. */
  int search(MemorySegment searcher, MemorySegment query, int k, int ef, MemorySegment ids) {
    int found;
    try {
      found = (int) SEARCH.invokeExact(search, searcher, query, k, ef, ids);
    } catch (Throwable t) {
      throw rethrown(t);
    }
    if (found < 0) {
      throw new IllegalStateException(name + ": search failed: " + string(invokePointer(lastError)));
    }
    return found;
  }

  /**
   * One counted search: fills {@code work} with distances, hops and bytes read and returns true,
   * or returns false when the peer cannot count.
   */
  boolean searchWork(MemorySegment searcher, MemorySegment query, int k, int ef, MemorySegment work) {
    if (searchWork == null) {
      return false;
    }
    int status;
    try {
      status = (int) SEARCH_WORK.invokeExact(searchWork, searcher, query, k, ef, work);
    } catch (Throwable t) {
      throw rethrown(t);
    }
    if (status == -1) {
      throw new IllegalStateException(name + ": counted search failed: " + string(invokePointer(lastError)));
    }
    return status == 0;
  }

  void freeSearcher(MemorySegment searcher) {
    call(FREE, searcherFree, searcher);
  }

  void free(MemorySegment index) {
    call(FREE, free, index);
  }

  private MemorySegment checked(MemorySegment pointer, String what) {
    if (pointer.equals(MemorySegment.NULL)) {
      throw new IllegalStateException(name + ": " + what + " failed: "
          + string(invokePointer(lastError)));
    }
    return pointer;
  }

  private static void call(MethodHandle shape, MemorySegment function, MemorySegment argument) {
    try {
      shape.invokeExact(function, argument);
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  private static MemorySegment invokePointer(MemorySegment function) {
    try {
      return (MemorySegment) TO_POINTER.invokeExact(function);
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /** A NUL-terminated string the library owns. */
  private static String string(MemorySegment pointer) {
    return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(Integer.MAX_VALUE).getString(0);
  }

  private static MethodHandle handle(FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(descriptor);
  }

  private static MemorySegment find(SymbolLookup symbols, String symbol) {
    return symbols.find(symbol).orElseThrow(() -> new IllegalStateException(
        "no symbol " + symbol + " in a native peer library: rebuild it with " + BUILD_SCRIPT));
  }

  private static RuntimeException rethrown(Throwable t) {
    if (t instanceof RuntimeException e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
