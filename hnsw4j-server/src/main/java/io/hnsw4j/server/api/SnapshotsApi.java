package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.ApiRequest;
import io.hnsw4j.server.http.Json;
import io.hnsw4j.server.http.Reply;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.store.Collection;
import io.hnsw4j.store.SnapshotInfo;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.storage.SnapshotArchive;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;

/**
 * Collection snapshots: create, list, download, delete, and recover from a file in the data
 * directory's {@code snapshots} folder ({@code file://} locations outside it are refused, and
 * so are URLs: upload the file instead) or from an upload ({@code multipart/form-data}, part
 * {@code snapshot}). With {@code ?wait=false} creating and recovering answer 202 at once and go on
 * in the background.
 */
final class SnapshotsApi {
  private static final System.Logger LOG = System.getLogger(SnapshotsApi.class.getName());
  private static final BodyShape RECOVER = BodyShape.of("snapshot recover request",
      List.of("location", "checksum"), List.of("priority", "api_key"), List.of());
  private static final String UPLOADS = ".uploads";

  private final ApiContext ctx;

  SnapshotsApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.add(new Route("POST", "/collections/{collection_name}/snapshots", Access.WRITE, this::create));
    router.add(new Route("GET", "/collections/{collection_name}/snapshots", Access.READ, this::list));
    router.add(new Route("GET", "/collections/{collection_name}/snapshots/{snapshot_name}", Access.READ, this::download));
    router.add(new Route("DELETE", "/collections/{collection_name}/snapshots/{snapshot_name}", Access.WRITE, this::delete));
    router.add(new Route("PUT", "/collections/{collection_name}/snapshots/recover", Access.WRITE, this::recover));
    router.add(new Route("POST", "/collections/{collection_name}/snapshots/upload", Access.WRITE, this::upload));
  }

  /** Removes uploads left by a crash (called once at start). */
  static void removeLeftoverUploads(Path snapshotRoot) throws IOException {
    Path uploads = snapshotRoot.resolve(UPLOADS);
    if (Files.isDirectory(uploads)) {
      try (var files = Files.list(uploads)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private Reply create(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    return maybeInBackground(request, () -> JsonViews.snapshot(c.createSnapshot()), "snapshot of " + c.name());
  }

  private Reply list(ApiRequest request) {
    ArrayNode result = Json.array();
    for (SnapshotInfo s : ctx.collection(request.path("collection_name")).listSnapshots()) {
      result.add(JsonViews.snapshot(s));
    }
    return new Reply.Result(result);
  }

  private Reply download(ApiRequest request) {
    String name = request.path("snapshot_name");
    return new Reply.File(ctx.collection(request.path("collection_name")).snapshotFile(name), name);
  }

  private Reply delete(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    String name = request.path("snapshot_name");
    if (!c.deleteSnapshot(name)) {
      throw StoreException.notFound("collection " + c.name() + " has no snapshot " + name);
    }
    return new Reply.Result(BooleanNode.TRUE);
  }

  private Reply recover(ApiRequest request) throws IOException {
    String name = request.path("collection_name");
    JsonNode body = request.bodyObject();
    RECOVER.check(body, "body");
    JsonNode location = body.get("location");
    if (location == null || !location.isTextual()) {
      throw ApiException.badRequest("location is required: a file:// URI of a snapshot in " + ctx.db().snapshotRoot());
    }
    Path file = localSnapshot(location.textValue());
    String checksum = text(body.get("checksum"), "checksum");
    verifyChecksum(file, checksum);
    return maybeInBackground(request, () -> {
      ctx.db().recoverSnapshot(name, file);
      return BooleanNode.TRUE;
    }, "recovery of " + name);
  }

  /** The snapshot file a {@code file://} location names, which must lie inside the snapshot folder. */
  private Path localSnapshot(String location) throws IOException {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("location: not a URI: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      throw ApiException.badRequest("location: hnsw4j does not download snapshots from URLs; upload the file with "
          + "POST /collections/{name}/snapshots/upload, or give a file:// location in " + ctx.db().snapshotRoot());
    }
    if (!scheme.equals("file") || uri.getPath() == null) {
      throw ApiException.badRequest("location: expected a file:// URI, got '" + location + "'");
    }
    Path root = ctx.db().snapshotRoot().toAbsolutePath().normalize();
    Path realRoot = root.toRealPath();
    Path file = Path.of(uri.getPath()).normalize();
    // Checked before looking at the file, so that the answer says nothing about files elsewhere.
    if (!file.startsWith(root) && !file.startsWith(realRoot)) {
      throw ApiException.badRequest("location: " + file + " is outside the snapshot folder " + root + "; only files there can be recovered");
    }
    if (!Files.isRegularFile(file)) {
      throw StoreException.notFound("snapshot file " + file + " does not exist");
    }
    Path real = file.toRealPath();
    if (!real.startsWith(realRoot)) {
      throw ApiException.badRequest("location: " + file + " leads outside the snapshot folder " + root + "; only files there can be recovered");
    }
    return real;
  }

  private Reply upload(ApiRequest request) throws Exception {
    String name = request.path("collection_name");
    var jetty = request.jettyRequest();
    String contentType = jetty.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String boundary = contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        ? null : MultiPart.extractBoundary(contentType);
    if (boundary == null) {
      throw ApiException.badRequest("expected a multipart/form-data body with the snapshot file in a part named 'snapshot'");
    }
    long declared = jetty.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > ctx.maxSnapshotBytes()) {
      throw new ApiException(413, "the upload (" + declared + " bytes) is larger than the limit of " + ctx.maxSnapshotBytes() + " bytes");
    }
    Path uploads = Files.createDirectories(ctx.db().snapshotRoot().resolve(UPLOADS));
    MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
    parser.setFilesDirectory(uploads);
    parser.setMaxFileSize(ctx.maxSnapshotBytes());
    parser.setMaxLength(ctx.maxSnapshotBytes() + (1 << 20));
    parser.setMaxMemoryFileSize(1 << 20);
    parser.setUseFilesForPartsWithoutFileName(true);
    parser.setMaxParts(8);
    Path file = uploads.resolve("upload-" + System.nanoTime() + ".snapshot");
    try (MultiPartFormData.Parts parts = parse(parser, jetty)) {
      MultiPart.Part part = parts.getFirst("snapshot");
      if (part == null) {
        throw ApiException.badRequest("the upload has no part named 'snapshot'");
      }
      part.writeTo(file);
      verifyChecksum(file, request.query("checksum"));
      ctx.db().recoverSnapshot(name, file);
      return new Reply.Result(BooleanNode.TRUE);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static MultiPartFormData.Parts parse(MultiPartFormData.Parser parser, org.eclipse.jetty.server.Request request) throws InterruptedException {
    try {
      return parser.parse(request).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      int status = cause instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500 ? h.getCode() : 400;
      throw new ApiException(status, "the upload could not be read: " + cause.getMessage());
    }
  }

  private static void verifyChecksum(Path file, String expected) throws IOException {
    if (expected == null || expected.isEmpty()) {
      return;
    }
    String actual = SnapshotArchive.sha256(file);
    if (!actual.equalsIgnoreCase(expected)) {
      throw ApiException.badRequest("checksum mismatch: the snapshot's SHA-256 is " + actual + ", expected " + expected);
    }
  }

  private static String text(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest(path + ": expected a string, got " + node);
    }
    return node.textValue();
  }

  /** Runs {@code work} now, or with {@code ?wait=false} on a background thread, answering 202. */
  private static Reply maybeInBackground(ApiRequest request, Supplier<JsonNode> work, String what) {
    if (request.queryFlag("wait", true)) {
      return new Reply.Result(work.get());
    }
    Thread.ofVirtual().name("hnsw4j-" + what).start(() -> {
      try {
        work.get();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, what + " failed", e);
      }
    });
    return new Reply.Accepted();
  }
}
