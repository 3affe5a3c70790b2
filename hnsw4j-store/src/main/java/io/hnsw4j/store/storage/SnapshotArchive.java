package io.hnsw4j.store.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.wal.FileSync;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A snapshot file: a zip of a collection's {@code config.json}, {@code MANIFEST} and checkpoint
 * directory, plus {@code snapshot.json} listing the SHA-256 of every other entry. Extraction
 * refuses entry names that could leave the target directory and checks every checksum.
 */
public final class SnapshotArchive {
  public static final String CHECKSUMS = "snapshot.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_ENTRY = 1L << 40;

  private SnapshotArchive() {}

  /** Zips every file under {@code staging} into {@code target} (written beside it and renamed); returns its SHA-256. */
  public static String create(Path staging, Path target) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(staging)) {
      walk.filter(Files::isRegularFile).forEach(p -> files.put(staging.relativize(p).toString().replace('\\', '/'), p));
    }
    ObjectNode sums = JSON.createObjectNode();
    sums.put("format", 1);
    ObjectNode list = sums.putObject("sha256");
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(fos, 1 << 16))) {
      for (Map.Entry<String, Path> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        list.put(f.getKey(), copyHashing(Files.newInputStream(f.getValue()), zip));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(CHECKSUMS));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(sums));
      zip.closeEntry();
      zip.finish();
      zip.flush();
      fos.getFD().sync();
    }
    FileSync.rename(tmp, target);
    return sha256(target);
  }

  /** Extracts a snapshot into {@code targetDir} (created, must be empty) and checks it whole. */
  public static void extract(Path archive, Path targetDir) throws IOException {
    Files.createDirectories(targetDir);
    Map<String, String> actual = new TreeMap<>();
    JsonNode expected = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (name.equals(CHECKSUMS)) {
          expected = JSON.readTree(zip.readNBytes(1 << 20));
          continue;
        }
        Path out = safeTarget(targetDir, name, archive);
        Files.createDirectories(out.getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
          actual.put(name, copyHashing(zip, os));
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException(archive + ": not a readable snapshot archive: " + e.getMessage(), e);
    }
    if (expected == null || !expected.path("sha256").isObject()) {
      throw new IOException(archive + ": no " + CHECKSUMS + " in the archive; not a snapshot");
    }
    Map<String, String> listed = new TreeMap<>();
    expected.get("sha256").properties().forEach(e -> listed.put(e.getKey(), e.getValue().asText()));
    if (!listed.equals(actual)) {
      throw new IOException(archive + ": contents do not match their checksums; the snapshot is damaged");
    }
  }

  private static Path safeTarget(Path dir, String name, Path archive) throws IOException {
    Path out = dir.resolve(name).normalize();
    if (name.startsWith("/") || name.contains("\\") || name.contains("..") || !out.startsWith(dir.normalize())) {
      throw new IOException(archive + ": entry name '" + name + "' would leave the collection directory");
    }
    return out;
  }

  /** Copies all of {@code in} to {@code out} (not closing out); returns the SHA-256 hex of what passed. */
  private static String copyHashing(InputStream in, OutputStream out) throws IOException {
    MessageDigest digest = sha256Digest();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
      total += n;
      if (total > MAX_ENTRY) {
        throw new IOException("snapshot entry larger than " + MAX_ENTRY + " bytes");
      }
    }
    if (!(in instanceof ZipInputStream)) {
      in.close();
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 hex of a file. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
