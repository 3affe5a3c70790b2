package io.hnsw4j.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Native memory that Linux backs with transparent huge pages, for data read at random across
 * many megabytes (the traversal codes): with 4 KiB pages nearly every such read also misses the
 * TLB. The Java heap gets huge pages from {@code -XX:+UseTransparentHugePages}; memory off the
 * heap gets them only if it is advised so before it is first touched ({@code madvise} with
 * {@code MADV_HUGEPAGE}, the kernel's default "madvise" mode), which needs the C library: so
 * this works on Linux when native access is enabled for this module ({@code
 * --enable-native-access=io.hnsw4j}, or {@code ALL-UNNAMED} on the class path) and the kernel
 * has not turned huge pages off. Elsewhere {@link #allocate} gives null and callers allocate as
 * usual.
 */
public final class HugePages {
  /** The huge page size this asks for, and the alignment of what {@link #allocate} gives. */
  public static final long SIZE = 2L << 20;

  private static final int PROT_READ_WRITE = 0x1 | 0x2;
  private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
  private static final int MADV_HUGEPAGE = 14;

  /** mmap, madvise and munmap; null where huge pages cannot be asked for. */
  private static final MethodHandle[] CALLS = findCalls();

  private HugePages() {}

  /** Whether {@link #allocate} can give memory here. */
  public static boolean available() {
    return CALLS != null;
  }

  /**
   * Zeroed memory of {@code bytes} rounded up to {@link #SIZE}, aligned to it and advised for huge
   * pages; freed once the segment is unreachable. Null if huge pages are not available or the
   * kernel refused the mapping or the advice.
   */
  public static MemorySegment allocate(long bytes) {
    if (CALLS == null || bytes <= 0) {
      return null;
    }
    long size = (bytes + SIZE - 1) & -SIZE;
    long mapped = size + SIZE; // room to start on a huge page boundary
    try {
      long base = ((MemorySegment) CALLS[0].invokeExact(MemorySegment.NULL, mapped, PROT_READ_WRITE,
          MAP_PRIVATE_ANONYMOUS, -1, 0L)).address();
      if (base == -1L) {
        return null; // MAP_FAILED
      }
      long start = (base + SIZE - 1) & -SIZE;
      if ((int) CALLS[1].invokeExact(MemorySegment.ofAddress(start), size, MADV_HUGEPAGE) != 0) {
        unmap(base, mapped);
        return null;
      }
      // Anonymous pages read as zero until written; the unused ends are never touched.
      return MemorySegment.ofAddress(start).reinterpret(size, Arena.ofAuto(), s -> unmap(base, mapped));
    } catch (Throwable e) {
      return null;
    }
  }

  private static void unmap(long base, long length) {
    try {
      int ignored = (int) CALLS[2].invokeExact(MemorySegment.ofAddress(base), length);
    } catch (Throwable e) {
      // Nothing to do: the mapping stays until the process ends.
    }
  }

  private static MethodHandle[] findCalls() {
    try {
      if (!System.getProperty("os.name", "").startsWith("Linux")
          || !HugePages.class.getModule().isNativeAccessEnabled()
          || turnedOff(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))) {
        return null;
      }
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      ValueLayout address = ValueLayout.ADDRESS;
      ValueLayout.OfLong size = ValueLayout.JAVA_LONG;
      ValueLayout.OfInt integer = ValueLayout.JAVA_INT;
      return new MethodHandle[] {
        linker.downcallHandle(libc.find("mmap").orElseThrow(),
            FunctionDescriptor.of(address, address, size, integer, integer, integer, size)),
        linker.downcallHandle(libc.find("madvise").orElseThrow(),
            FunctionDescriptor.of(integer, address, size, integer)),
        linker.downcallHandle(libc.find("munmap").orElseThrow(), FunctionDescriptor.of(integer, address, size))
      };
    } catch (RuntimeException | LinkageError e) {
      return null; // no C library to call, or native access refused
    }
  }

  /** Whether the kernel's setting reads "[never]" (or cannot be read: no THP support). */
  static boolean turnedOff(Path setting) {
    try {
      return Files.readString(setting).contains("[never]");
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }
}
