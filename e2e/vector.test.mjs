// End-to-end tests of Updraft's vector API with the official
// @upstash/vector SDK (version pinned in package.json). Starts the built
// binary (UPDRAFT_BIN, default ../bin/updraft) on free ports; indexes are
// created by the vector-index directive, by VECTOR.CREATE over RESP and by
// the create-index admin endpoint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createServer, connect } from "node:net";
import { fileURLToPath } from "node:url";
import { Index } from "@upstash/vector";

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.UPDRAFT_BIN || join(here, "..", "bin", "updraft");
const token = "e2e-vector-token";
const roToken = "e2e-vector-readonly";
let proc, base, respPort;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on("error", reject);
  });
}

// resp sends one command over a raw RESP socket and returns the reply line.
function resp(...args) {
  return new Promise((resolve, reject) => {
    const sock = connect(respPort, "127.0.0.1");
    let out = "";
    sock.on("data", (d) => { out += d; if (out.endsWith("\r\n")) { sock.end(); resolve(out.trim()); } });
    sock.on("error", reject);
    sock.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join(""));
  });
}

before(async () => {
  const [r, http] = [await freePort(), await freePort()];
  respPort = r;
  proc = spawn(bin, ["--port", String(r), "--http-port", String(http), "--dir", mkdtempSync(join(tmpdir(), "updraft-vec-")),
    "--rest-token", token, "--rest-readonly-token", roToken, "--vector-index", "cfg 3 EUCLIDEAN"],
    { stdio: ["ignore", "pipe", "inherit"] });
  base = `http://127.0.0.1:${http}/vector`;
  await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => { out += d; if (out.includes("REST API on")) resolve(); });
    proc.on("exit", (c) => reject(new Error("updraft exited " + c + ": " + out)));
    setTimeout(() => reject(new Error("updraft did not start: " + out)), 10000);
  });
  assert.equal(await resp("VECTOR.CREATE", "dense", "DIM", "2", "METRIC", "COSINE"), "+OK");
  assert.equal(await resp("VECTOR.CREATE", "dense", "DIM", "2", "METRIC", "COSINE", "EXISTSOK"), "+OK");
  assert.match(await resp("VECTOR.CREATE", "dense", "DIM", "2", "METRIC", "COSINE"), /^-ERR .*exists/);
  assert.equal(await resp("VECTOR.CREATE", "sparse", "DIM", "0", "METRIC", "DOT_PRODUCT", "TYPE", "SPARSE"), "+OK");
  const res = await fetch(`${base}/hybrid/create-index`, {
    method: "POST", headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ dimension: 2, similarityFunction: "DOT_PRODUCT", indexType: "HYBRID" }),
  });
  assert.deepEqual(await res.json(), { result: "Success" });
});

after(() => proc?.kill("SIGTERM"));

const index = (name, t = token) => new Index({ url: `${base}/${name}`, token: t });

test("dense: upsert, query, fetch, update, delete", async () => {
  const ix = index("dense");
  assert.equal(await ix.upsert({ id: "a", vector: [0.1, 0.2], metadata: { city: "Istanbul", pop: 15 }, data: "first" }), "Success");
  assert.equal(await ix.upsert([
    { id: "b", vector: [0.2, 0.1], metadata: { city: "Ankara", pop: 5, tags: ["capital"] } },
    { id: 33, vector: [-0.3, 0.4] },
  ]), "Success");
  const r = await ix.query({ vector: [0.1, 0.2], topK: 2, includeVectors: true, includeMetadata: true, includeData: true });
  assert.equal(r.length, 2);
  assert.deepEqual(r[0], { id: "a", score: 1, vector: [0.1, 0.2], metadata: { city: "Istanbul", pop: 15 }, data: "first" });
  assert.equal(r[1].id, "b");
  assert.ok(r[1].score < 1 && r[1].score > 0.5);
  const f = await ix.query({ vector: [0.1, 0.2], topK: 5, filter: "city = 'Ankara' OR tags CONTAINS 'x'", includeMetadata: true });
  assert.deepEqual(f.map((x) => x.id), ["b"]);
  assert.deepEqual((await ix.query({ vector: [0.1, 0.2], topK: 5, filter: "pop >= 5 AND city GLOB 'I*'" })).map((x) => x.id), ["a"]);
  const many = await ix.queryMany([{ vector: [0.1, 0.2], topK: 1 }, { vector: [-0.3, 0.4], topK: 2 }]);
  assert.equal(many.length, 2);
  assert.equal(many[0][0].id, "a");
  assert.equal(many[1][0].id, "33");
  const one = await ix.queryMany([{ vector: [0.1, 0.2], topK: 1 }]);
  assert.equal(one[0][0].id, "a");
  const got = await ix.fetch(["a", "nope", "33"], { includeVectors: true });
  assert.deepEqual(got, [{ id: "a", vector: [0.1, 0.2] }, null, { id: "33", vector: [-0.3, 0.4] }]);
  assert.deepEqual((await ix.fetch({ prefix: "b" })).map((x) => x.id), ["b"]);
  assert.deepEqual(await ix.update({ id: "a", metadata: { pop: 16, extra: true }, metadataUpdateMode: "PATCH" }), { updated: 1 });
  assert.deepEqual((await ix.fetch(["a"], { includeMetadata: true }))[0].metadata, { city: "Istanbul", pop: 16, extra: true });
  assert.deepEqual(await ix.update({ id: "a", metadata: { only: 1 } }), { updated: 1 });
  assert.deepEqual((await ix.fetch(["a"], { includeMetadata: true }))[0].metadata, { only: 1 });
  assert.deepEqual(await ix.update({ id: "missing", vector: [1, 1] }), { updated: 0 });
  assert.deepEqual(await ix.delete("33"), { deleted: 1 });
  assert.deepEqual(await ix.delete(["33", "b"]), { deleted: 1 });
  assert.deepEqual(await ix.delete({ filter: "only = 1" }), { deleted: 1 });
  const info = await ix.info();
  assert.equal(info.vectorCount, 0);
  assert.equal(info.dimension, 2);
  assert.equal(info.similarityFunction, "COSINE");
  assert.equal(info.indexType, "DENSE");
  assert.equal(info.pendingVectorCount, 0);
});

test("dense: range, prefix delete, reset", async () => {
  const ix = index("dense");
  await ix.upsert([0, 1, 2, 3].map((i) => ({ id: `id-${i}`, vector: [i + 1, 1], metadata: { i } })));
  const p1 = await ix.range({ cursor: 0, limit: 2, prefix: "id-", includeMetadata: true });
  assert.deepEqual(p1.vectors.map((v) => v.id), ["id-0", "id-1"]);
  assert.equal(p1.nextCursor, "2");
  const p2 = await ix.range({ cursor: p1.nextCursor, limit: 2, prefix: "id-" });
  assert.deepEqual(p2.vectors.map((v) => v.id), ["id-2", "id-3"]);
  assert.equal(p2.nextCursor, "");
  await assert.rejects(ix.range({ cursor: 0, limit: 0 }));
  assert.deepEqual(await ix.delete({ prefix: "id-1" }), { deleted: 1 });
  assert.equal(await ix.reset(), "Success");
  assert.equal((await ix.info()).vectorCount, 0);
});

test("namespaces", async () => {
  const ix = index("dense");
  const ns = ix.namespace("ns1");
  assert.equal(await ns.upsert({ id: "n", vector: [1, 0] }), "Success");
  await ix.namespace("ns2").upsert({ id: "m", vector: [0, 1] });
  assert.deepEqual(await ix.listNamespaces(), ["", "ns1", "ns2"]);
  assert.deepEqual((await ns.query({ vector: [1, 0], topK: 3 })).map((x) => x.id), ["n"]);
  assert.deepEqual(await ix.fetch(["n"]), [null]);
  assert.deepEqual((await ix.fetch(["n"], { namespace: "ns1" }))[0].id, "n");
  assert.equal((await ix.info()).namespaces.ns1.vectorCount, 1);
  assert.deepEqual(await ns.update({ id: "n", data: "d" }), { updated: 1 });
  assert.equal((await ns.fetch(["n"], { includeData: true }))[0].data, "d");
  assert.deepEqual((await ns.range({ cursor: "", limit: 5 })).vectors.map((v) => v.id), ["n"]);
  assert.equal(await ns.reset(), "Success");
  assert.deepEqual(await ix.listNamespaces(), ["", "ns1", "ns2"]);
  assert.equal(await ix.deleteNamespace("ns1"), "Success");
  assert.deepEqual(await ix.listNamespaces(), ["", "ns2"]);
  await assert.rejects(ix.deleteNamespace("ns1"), /Namespace ns1 for the index dense does not exist/);
  assert.equal(await ix.reset({ all: true }), "Success");
  assert.equal((await ix.info()).vectorCount, 0);
});

test("resumable query", async () => {
  const ix = index("cfg");
  await ix.upsert(Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, vector: [i, 0, 0] })));
  const { result, fetchNext, stop } = await ix.resumableQuery({ vector: [0, 0, 0], topK: 3, maxIdle: 60 });
  assert.deepEqual(result.map((x) => x.id), ["r0", "r1", "r2"]);
  assert.equal(result[0].score, 1);
  assert.equal(result[1].score, 0.5); // EUCLIDEAN: 1 / (1 + d^2)
  assert.deepEqual((await fetchNext(4)).map((x) => x.id), ["r3", "r4", "r5", "r6"]);
  assert.deepEqual((await fetchNext(10)).map((x) => x.id), ["r7", "r8", "r9"]);
  assert.equal(await stop(), "Success");
  await assert.rejects(new Index({ url: `${base}/cfg`, token }).resumableQuery({ vector: [0, 0], topK: 1 }), /dimension/);
});

test("sparse index: vectors, BM25 data, IDF", async () => {
  const ix = index("sparse");
  await ix.upsert([
    { id: "s1", sparseVector: { indices: [1, 5], values: [0.5, 0.2] } },
    { id: "s2", sparseVector: { indices: [5, 9], values: [0.9, 0.1] } },
  ]);
  const r = await ix.query({ sparseVector: { indices: [5], values: [1] }, topK: 2, includeVectors: true });
  assert.deepEqual(r.map((x) => x.id), ["s2", "s1"]);
  assert.deepEqual(r[0].sparseVector, { indices: [5, 9], values: [0.9, 0.1] });
  const idf = await ix.query({ sparseVector: { indices: [1, 5], values: [1, 1] }, topK: 2, weightingStrategy: "IDF" });
  assert.equal(idf[0].id, "s1");
  await ix.upsert([{ id: "t1", data: "the quick brown fox" }, { id: "t2", data: "lazy dogs sleep all day" }]);
  const q = await ix.query({ data: "quick fox", topK: 1, includeData: true });
  assert.deepEqual(q.map((x) => [x.id, x.data]), [["t1", "the quick brown fox"]]);
  await assert.rejects(ix.upsert({ id: "bad", vector: [1, 2] }));
  assert.equal((await ix.info()).indexType, "SPARSE");
});

test("hybrid index: fusion and query modes", async () => {
  const ix = index("hybrid");
  await ix.upsert([
    { id: "h1", vector: [1, 0], sparseVector: { indices: [1], values: [1] } },
    { id: "h2", vector: [0, 1], sparseVector: { indices: [2], values: [1] } },
  ]);
  await assert.rejects(ix.upsert({ id: "h3", vector: [1, 0] }));
  const rrf = await ix.query({ vector: [1, 0], sparseVector: { indices: [1], values: [1] }, topK: 2 });
  assert.equal(rrf[0].id, "h1");
  const dbsf = await ix.query({ vector: [0, 1], sparseVector: { indices: [2], values: [1] }, topK: 2, fusionAlgorithm: "DBSF", includeVectors: true });
  assert.equal(dbsf[0].id, "h2");
  assert.deepEqual(dbsf[0].sparseVector, { indices: [2], values: [1] });
  assert.deepEqual(dbsf[0].vector, [0, 1]);
  const dense = await ix.query({ vector: [1, 0], sparseVector: { indices: [2], values: [1] }, topK: 1, queryMode: "DENSE" });
  assert.equal(dense[0].id, "h1");
  const sp = await ix.query({ vector: [1, 0], sparseVector: { indices: [2], values: [1] }, topK: 1, queryMode: "SPARSE" });
  assert.equal(sp[0].id, "h2");
  await assert.rejects(ix.query({ vector: [1, 0], topK: 1, fusionAlgorithm: "NOPE" }));
});

test("errors", async () => {
  const ix = index("dense");
  await assert.rejects(ix.upsert({ id: "x", vector: [1, 2, 3] }), /Invalid vector dimension: 3, expected: 2/);
  await assert.rejects(ix.upsert({ id: "x", data: "no embedder" }), /Embedding data for this index is not allowed/);
  await assert.rejects(ix.query({ data: "no embedder", topK: 1 }), /Embedding data for this index is not allowed/);
  await assert.rejects(ix.fetch({ ids: ["a"], prefix: "a" }), /Only one of ids or prefix must be provided/);
  await assert.rejects(ix.delete({ ids: ["a"], prefix: "a" }), /Only and only one of the ids, prefix, or filter must be provided/);
  await assert.rejects(ix.query({ vector: [1, 0], topK: 1, filter: "city = " }), /Invalid filter/);
  await assert.rejects(index("dense", roToken).upsert({ id: "x", vector: [1, 2] }), /permission/);
  assert.deepEqual(await index("dense", roToken).query({ vector: [1, 2], topK: 1 }), []);
  await assert.rejects(index("dense", "wrong").info());
  await assert.rejects(index("nope").info(), /does not exist/);
  const raw = await fetch(`${base}/dense/`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: '["get","1","2"]' });
  assert.ok(!raw.ok);
  assert.equal(await resp("VECTOR.ADD", "dense", '{"id":"r","vector":[3,4]}'), "+OK");
  assert.equal(await resp("VECTOR.COUNT", "dense"), ":1");
  assert.equal(await resp("VECTOR.DEL", "dense", "r", "zz"), ":1");
});
