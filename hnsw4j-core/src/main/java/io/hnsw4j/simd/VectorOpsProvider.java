package io.hnsw4j.simd;

/**
 * Chooses the kernels once per JVM. The system property {@code hnsw4j.simd=scalar} forces the
 * scalar kernels (for comparisons); otherwise the Vector API kernels are used when the
 * {@code jdk.incubator.vector} module is present, and a fallback is logged with its reason.
 */
final class VectorOpsProvider {
  static final VectorOps INSTANCE = choose();

  private VectorOpsProvider() {}

  private static VectorOps choose() {
    System.Logger log = System.getLogger("io.hnsw4j.simd");
    if ("scalar".equalsIgnoreCase(System.getProperty("hnsw4j.simd", ""))) {
      log.log(System.Logger.Level.INFO, "hnsw4j: scalar distance kernels (hnsw4j.simd=scalar)");
      return new ScalarVectorOps();
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      log.log(
          System.Logger.Level.INFO,
          "hnsw4j: scalar distance kernels, because module jdk.incubator.vector is not present"
              + " (add --add-modules jdk.incubator.vector for SIMD)");
      return new ScalarVectorOps();
    }
    try {
      return (VectorOps)
          Class.forName("io.hnsw4j.simd.PanamaVectorOps").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      log.log(
          System.Logger.Level.WARNING,
          "hnsw4j: scalar distance kernels, because the Vector API kernels failed to load: " + e);
      return new ScalarVectorOps();
    }
  }
}
