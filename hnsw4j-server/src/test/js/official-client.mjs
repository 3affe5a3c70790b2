// Drives a running hnsw4j server through Qdrant's official TypeScript REST client and checks every
// answer against values computed here. Run by OfficialClientTest:
//   node official-client.mjs URL API_KEY SNAPSHOT_ROOT
// Prints "official client: N checks passed" and exits 0, or prints the failed check and exits 1.
import assert from 'node:assert/strict';
import { QdrantClient } from '@qdrant/js-client-rest';

const [url, apiKey, snapshotRoot] = process.argv.slice(2);
// hnsw4j reports its own version at GET /, which the client's compatibility check would warn about.
const client = new QdrantClient({ url, apiKey, checkCompatibility: false });
let checks = 0;
function check(actual, expected, what) {
  assert.deepStrictEqual(actual, expected, what);
  checks++;
}

// Seeded data: 60 points in 4 dimensions (a linear congruential generator, so runs are repeatable).
let seed = 12345;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}
const N = 60;
const points = [];
for (let i = 1; i <= N; i++) {
  points.push({
    id: i,
    vector: [random(), random(), random(), random()],
    payload: { group: i % 5, name: `doc-${i}`, tags: i % 2 === 0 ? ['even'] : ['odd'], price: i * 1.5 },
  });
}
const cosine = (a, b) => {
  let dot = 0, na = 0, nb = 0;
  for (let d = 0; d < a.length; d++) {
    dot += a[d] * b[d];
    na += a[d] * a[d];
    nb += b[d] * b[d];
  }
  return dot / Math.sqrt(na * nb);
};
/** Ids of the k points passing `pass` most similar to q, best first. */
function nearest(q, k, pass = () => true, among = points) {
  return among.filter(pass).map((p) => [p.id, cosine(q, p.vector)])
    .sort((x, y) => y[1] - x[1]).slice(0, k).map((x) => x[0]);
}
const ids = (hits) => hits.map((h) => h.id);

async function expectError(promise, status, fragment, what) {
  try {
    await promise;
  } catch (e) {
    check(e.status, status, `${what}: status`);
    const error = e.data?.status?.error ?? '';
    assert.ok(error.includes(fragment), `${what}: '${error}' should mention '${fragment}'`);
    checks++;
    return;
  }
  assert.fail(`${what}: expected an error`);
}

try {
  // Collections
  check(await client.createCollection('docs', { vectors: { size: 4, distance: 'Cosine' }, hnsw_config: { m: 16, ef_construct: 100 } }), true, 'create');
  check(await client.collectionExists('docs'), { exists: true }, 'exists');
  check(await client.collectionExists('nope'), { exists: false }, 'does not exist');
  check((await client.getCollections()).collections, [{ name: 'docs' }], 'list');
  await expectError(client.createCollection('docs', { vectors: { size: 4, distance: 'Cosine' } }), 409, 'already exists', 'create twice');

  // Upsert in both forms, then indexes
  const upsert = await client.upsert('docs', { wait: true, points: points.slice(0, 40) });
  check(upsert.status, 'completed', 'upsert list');
  const rest = points.slice(40);
  check((await client.upsert('docs', {
    wait: true,
    batch: { ids: rest.map((p) => p.id), vectors: rest.map((p) => p.vector), payloads: rest.map((p) => p.payload) },
  })).status, 'completed', 'upsert batch');
  await client.createPayloadIndex('docs', { field_name: 'group', field_schema: 'integer', wait: true });
  await client.createPayloadIndex('docs', { field_name: 'tags', field_schema: 'keyword', wait: true });
  const info = await client.getCollection('docs');
  check(info.points_count, N, 'points_count');
  check(info.status, 'green', 'status');
  check(info.config.params.vectors, { size: 4, distance: 'Cosine' }, 'vectors config');
  check(info.payload_schema.group, { data_type: 'integer', points: N }, 'group index');
  check(info.payload_schema.tags, { data_type: 'keyword', points: N }, 'tags index');

  // Search with filters, exact and through the graph
  const q = [0.3, -0.2, 0.1, 0.4];
  const inGroup2 = (p) => p.payload.group === 2;
  const filter = { must: [{ key: 'group', match: { value: 2 } }] };
  const exact = await client.search('docs', { vector: q, limit: 5, filter, params: { exact: true }, with_payload: true });
  check(ids(exact), nearest(q, 5, inGroup2), 'filtered exact search');
  exact.forEach((h) => {
    const p = points[h.id - 1];
    assert.ok(Math.abs(h.score - cosine(q, p.vector)) < 1e-5, `score of ${h.id}`);
    check(h.payload, p.payload, `payload of ${h.id}`);
  });
  const graph = await client.search('docs', { vector: q, limit: 10, params: { hnsw_ef: 64 } });
  check(ids(graph), nearest(q, 10), 'graph search on 60 points');
  const expensive = { must: [{ key: 'price', range: { gte: 30, lt: 60 } }], must_not: [{ key: 'tags', match: { any: ['odd'] } }] };
  check(ids(await client.search('docs', { vector: q, limit: 4, filter: expensive })),
    nearest(q, 4, (p) => p.payload.price >= 30 && p.payload.price < 60 && p.id % 2 === 0), 'range and must_not');
  check(ids(await client.search('docs', { vector: q, limit: 3, offset: 2, params: { exact: true } })), nearest(q, 5).slice(2), 'offset');
  const batch = await client.searchBatch('docs', { searches: [
    { vector: q, limit: 2, params: { exact: true } },
    { vector: [1, 0, 0, 0], limit: 3, params: { exact: true }, filter: { should: [{ key: 'group', match: { any: [0, 1] } }] } },
  ] });
  check(batch.map(ids), [nearest(q, 2), nearest([1, 0, 0, 0], 3, (p) => p.payload.group <= 1)], 'search batch');

  // The query API
  check(ids((await client.query('docs', { query: q, limit: 5, filter, params: { exact: true } })).points), nearest(q, 5, inGroup2), 'query vector');
  check(ids((await client.query('docs', { query: { nearest: q }, limit: 3 })).points), nearest(q, 3), 'query nearest');
  check(ids((await client.query('docs', { query: 7, limit: 4, params: { exact: true } })).points),
    nearest(points[6].vector, 4, (p) => p.id !== 7), 'query by point id leaves the point out');
  const queryBatch = await client.queryBatch('docs', { searches: [{ query: q, limit: 1 }, { query: [0, 0, 0, 1], limit: 1 }] });
  check(queryBatch.map((r) => ids(r.points)), [nearest(q, 1), nearest([0, 0, 0, 1], 1)], 'query batch');

  // Scroll, count, retrieve
  const seen = [];
  let offset;
  for (let page = 0; page < 10; page++) {
    const r = await client.scroll('docs', { limit: 25, offset, with_payload: ['name'] });
    r.points.forEach((p) => { seen.push(p.id); check(p.payload, { name: `doc-${p.id}` }, 'selected payload keys'); });
    offset = r.next_page_offset;
    if (offset === null || offset === undefined) break;
  }
  check(seen, points.map((p) => p.id), 'scroll pages through all ids in order');
  const evens = await client.scroll('docs', { filter: { must: [{ key: 'tags', match: { value: 'even' } }] }, limit: 100, with_payload: false, with_vector: true });
  check(ids(evens.points), points.filter((p) => p.id % 2 === 0).map((p) => p.id), 'filtered scroll');
  check(evens.points[0].vector.length, 4, 'scroll with vector');
  check((await client.count('docs', { filter, exact: true })).count, points.filter(inGroup2).length, 'count with filter');
  check((await client.count('docs')).count, N, 'count all');
  const got = await client.retrieve('docs', { ids: [3, 1, 999], with_payload: true, with_vector: false });
  check(got.map((p) => [p.id, p.payload]), [[3, points[2].payload], [1, points[0].payload]], 'retrieve');

  // Payload operations
  await client.setPayload('docs', { payload: { reviewed: true }, points: [1, 2], wait: true });
  await client.setPayload('docs', { payload: { flag: 'x' }, filter: { must: [{ key: 'group', match: { value: 4 } }] }, wait: true });
  await client.overwritePayload('docs', { payload: { only: 1 }, points: [3], wait: true });
  await client.deletePayload('docs', { keys: ['price', 'tags'], points: [2], wait: true });
  await client.clearPayload('docs', { points: [5], wait: true });
  const after = await client.retrieve('docs', { ids: [1, 2, 3, 4, 5], with_payload: true });
  check(after.map((p) => p.payload), [
    { ...points[0].payload, reviewed: true },
    { group: 2, name: 'doc-2', reviewed: true },
    { only: 1 },
    { ...points[3].payload, flag: 'x' },
    {},
  ], 'payload updates');
  check((await client.count('docs', { filter: { must: [{ key: 'flag', match: { value: 'x' } }] } })).count, points.filter((p) => p.payload.group === 4).length, 'set by filter');

  // Deletes
  await client.delete('docs', { points: [1, 2], wait: true });
  await client.delete('docs', { filter: { must: [{ key: 'group', match: { value: 3 } }] }, wait: true });
  // Point 3 lost its group when its payload was overwritten, so the filter leaves it.
  const remaining = points.filter((p) => p.id > 2 && (p.id === 3 || p.payload.group !== 3));
  check((await client.count('docs')).count, remaining.length, 'count after deletes');
  check(ids(await client.search('docs', { vector: q, limit: 5, params: { exact: true } })),
    nearest(q, 5, () => true, remaining), 'deleted points are never found');

  // Snapshots
  const snapshot = await client.createSnapshot('docs', { wait: true });
  assert.ok(snapshot.name.endsWith('.snapshot'), snapshot.name);
  checks++;
  check((await client.listSnapshots('docs')).map((s) => s.name), [snapshot.name], 'list snapshots');
  const location = `file://${snapshotRoot}/docs/${snapshot.name}`;
  check(await client.recoverSnapshot('docs_copy', { location, checksum: snapshot.checksum }), true, 'recover into a new collection');
  check((await client.count('docs_copy')).count, remaining.length, 'recovered points');
  check(ids(await client.search('docs_copy', { vector: q, limit: 5, params: { exact: true } })), nearest(q, 5, () => true, remaining), 'recovered search');
  check(await client.deleteSnapshot('docs', snapshot.name), true, 'delete snapshot');
  check(await client.listSnapshots('docs'), [], 'no snapshots left');

  // Errors the client surfaces
  await expectError(client.search('docs', { vector: [1, 2], limit: 3 }), 400, 'has 2 components', 'wrong dimension');
  await expectError(client.getCollection('nope'), 404, 'does not exist', 'unknown collection');
  await expectError(client.search('docs', { vector: q, limit: 3, filter: { must: [{ key: 'group', like: 2 }] } }), 400, 'filter', 'unknown filter operator');
  await expectError(new QdrantClient({ url, apiKey: 'wrong', checkCompatibility: false }).getCollections(), 401, 'Invalid API key', 'wrong key');

  // Index and collection removal
  await client.deletePayloadIndex('docs', 'tags', { wait: true });
  check(Object.keys((await client.getCollection('docs')).payload_schema), ['group'], 'index deleted');
  check(await client.deleteCollection('docs_copy'), true, 'delete collection');
  check((await client.getCollections()).collections, [{ name: 'docs' }], 'list after delete');
  console.log(`official client: ${checks} checks passed`);
} catch (e) {
  console.error(`official client: FAILED after ${checks} checks: ${e.stack ?? e}`);
  if (e.data) console.error(JSON.stringify(e.data));
  process.exit(1);
}
