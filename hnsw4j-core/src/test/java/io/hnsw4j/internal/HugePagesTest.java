package io.hnsw4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge-page memory: what the tests' JVM gives (native access is enabled for the module in the
 * build), aligned, zeroed and writable, and backed by huge pages where the kernel offers them.
 */
class HugePagesTest {
  private static final Path SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  @Test
  void theKernelSettingIsReadAsOffOnlyForNeverOrNoSetting(@TempDir Path dir) throws IOException {
    Path setting = dir.resolve("enabled");
    Files.writeString(setting, "always [madvise] never\n");
    assertFalse(HugePages.turnedOff(setting));
    Files.writeString(setting, "[always] madvise never\n");
    assertFalse(HugePages.turnedOff(setting));
    Files.writeString(setting, "always madvise [never]\n");
    assertTrue(HugePages.turnedOff(setting));
    assertTrue(HugePages.turnedOff(dir.resolve("missing")));
  }

  @Test
  void memoryIsAlignedZeroedAndWritable() {
    assumeTrue(linuxWithHugePages(), "transparent huge pages are off or not Linux");
    assertTrue(HugePages.available(), "native access is enabled for the tests, so huge pages should be");
    MemorySegment memory = HugePages.allocate(100);
    assertNotNull(memory);
    assertEquals(HugePages.SIZE, memory.byteSize());
    assertEquals(0, memory.address() % HugePages.SIZE);
    for (long at = 0; at < memory.byteSize(); at += 4096) {
      assertEquals(0, memory.get(ValueLayout.JAVA_BYTE, at), "byte " + at);
      memory.set(ValueLayout.JAVA_BYTE, at, (byte) 7);
      assertEquals(7, memory.get(ValueLayout.JAVA_BYTE, at));
    }
    assertEquals(3 * HugePages.SIZE, HugePages.allocate(2 * HugePages.SIZE + 1).byteSize());
    assertNull(HugePages.allocate(0));
  }

  @Test
  void writtenMemoryIsOnHugePages() throws IOException {
    assumeTrue(linuxWithHugePages(), "transparent huge pages are off or not Linux");
    MemorySegment memory = HugePages.allocate(HugePages.SIZE);
    memory.fill((byte) 1);
    long start = memory.address();
    long hugeKiB = -1;
    boolean inRange = false;
    for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
      if (line.matches("[0-9a-f]+-[0-9a-f]+ .*")) {
        String[] range = line.substring(0, line.indexOf(' ')).split("-");
        inRange = Long.parseUnsignedLong(range[0], 16) <= start && start < Long.parseUnsignedLong(range[1], 16);
      } else if (inRange && line.startsWith("AnonHugePages:")) {
        hugeKiB = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    assertEquals(HugePages.SIZE >> 10, hugeKiB, "AnonHugePages of the mapping holding the memory");
  }

  private static boolean linuxWithHugePages() {
    return System.getProperty("os.name", "").startsWith("Linux") && !HugePages.turnedOff(SETTING);
  }
}
