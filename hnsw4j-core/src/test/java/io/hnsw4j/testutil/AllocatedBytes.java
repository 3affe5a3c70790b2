package io.hnsw4j.testutil;

import java.lang.reflect.Method;

/**
 * Bytes the calling thread has allocated so far (HotSpot's thread allocation counter). Reached by
 * reflection: the tests run inside module io.hnsw4j, which does not read java.management.
 */
public final class AllocatedBytes {
  private static final Object BEAN;
  private static final Method COUNTER;

  static {
    try {
      BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      COUNTER = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private AllocatedBytes() {}

  public static long ofThisThread() {
    try {
      return (long) COUNTER.invoke(BEAN);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
