package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route matching: literals before parameters, decoding segment by segment, 404 and 405. */
class RouterTest {
  private static Route route(String method, String template) {
    return new Route(method, template, Access.READ, r -> null);
  }

  @Test
  void theMostLiteralTemplateWinsAndParametersAreDecoded() {
    Router router = new Router();
    router.add(route("GET", "/collections/{collection_name}/points/{id}"));
    router.add(route("POST", "/collections/{collection_name}/points/scroll"));
    router.add(route("GET", "/collections/{collection_name}/points/scroll"));
    router.add(route("GET", "/"));
    assertEquals("/collections/{collection_name}/points/scroll", router.match("GET", "/collections/c/points/scroll").route().template());
    Router.Match one = router.match("GET", "/collections/my%20c/points/a%2Bb+c");
    assertEquals(Map.of("collection_name", "my c", "id", "a+b+c"), one.params());
    assertEquals("/", router.match("GET", "/").route().template());
    assertEquals("/collections/{collection_name}/points/scroll", router.match("POST", "/collections/c/points/scroll/").route().template());
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    Router router = new Router();
    router.add(route("GET", "/collections/{collection_name}"));
    router.add(route("PUT", "/collections/{collection_name}"));
    assertEquals(404, assertThrows(ApiException.class, () -> router.match("GET", "/collections")).status());
    assertEquals(404, assertThrows(ApiException.class, () -> router.match("GET", "/collections//")).status());
    ApiException wrong = assertThrows(ApiException.class, () -> router.match("POST", "/collections/c"));
    assertEquals(405, wrong.status());
    assertEquals("method POST is not allowed on /collections/c; allowed: GET, PUT", wrong.getMessage());
    assertEquals(400, assertThrows(ApiException.class, () -> router.match("GET", "/collections/%zz")).status());
    assertThrows(IllegalStateException.class, () -> router.add(route("GET", "/collections/{collection_name}")));
  }
}
