// End-to-end tests of Updraft's REST API with the official @upstash/redis
// SDK (version pinned in package.json). Starts the built binary
// (UPDRAFT_BIN, default ../bin/updraft) on free ports.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "@upstash/redis";

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.UPDRAFT_BIN || join(here, "..", "bin", "updraft");
const token = "e2e-full-token";
const roToken = "e2e-readonly-token";
let proc, url;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on("error", reject);
  });
}

before(async () => {
  const [resp, http] = [await freePort(), await freePort()];
  proc = spawn(bin, ["--port", String(resp), "--http-port", String(http), "--dir", mkdtempSync(join(tmpdir(), "updraft-e2e-")),
    "--rest-token", token, "--rest-readonly-token", roToken], { stdio: ["ignore", "pipe", "inherit"] });
  url = `http://127.0.0.1:${http}`;
  await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => { out += d; if (out.includes("REST API on")) resolve(); });
    proc.on("exit", (c) => reject(new Error("updraft exited " + c + ": " + out)));
    setTimeout(() => reject(new Error("updraft did not start: " + out)), 10000);
  });
});

after(() => proc?.kill("SIGTERM"));

const client = (opts = {}) => new Redis({ url, token, ...opts });
// Each variant: auto-pipelining on (the SDK default) and off, base64 on
// (default) and off.
const variants = [
  ["default", {}],
  ["no-autopipeline", { enableAutoPipelining: false }],
  ["no-base64", { responseEncoding: false, enableAutoPipelining: false }],
];

for (const [name, opts] of variants) {
  test(`strings (${name})`, async () => {
    const r = client(opts);
    const k = `str:${name}`;
    assert.equal(await r.set(k, "hello"), "OK");
    assert.equal(await r.get(k), "hello");
    assert.equal(await r.append(k, " world"), 11);
    assert.equal(await r.strlen(k), 11);
    assert.equal(await r.getrange(k, 0, 4), "hello");
    assert.equal(await r.set(k + ":n", 10, { ex: 100 }), "OK");
    assert.equal(await r.incr(k + ":n"), 11);
    assert.equal(await r.incrby(k + ":n", 5), 16);
    assert.equal(await r.decr(k + ":n"), 15);
    assert.equal(await r.incrbyfloat(k + ":n", 1.5), 16.5);
    assert.ok((await r.ttl(k + ":n")) > 90);
    assert.deepEqual(await r.mget(k, k + ":none"), ["hello world", null]);
    assert.equal(await r.mset({ [k + ":a"]: "1", [k + ":b"]: { x: 1 } }), "OK");
    assert.deepEqual(await r.get(k + ":b"), { x: 1 });
    assert.equal(await r.setnx(k, "x"), 0);
    assert.equal(await r.getdel(k + ":a"), 1);
    assert.equal(await r.set(k, "v", { nx: true }), null);
    assert.equal(await r.set(k, true), "OK");
    assert.equal(await r.get(k), true);
    assert.equal(await r.set(k, "OK"), "OK");
    assert.equal(await r.get(k), "OK");
    assert.equal(await r.ping(), "PONG");
    assert.equal(await r.echo("hi"), "hi");
    assert.equal(await r.type(k), "string");
  });

  test(`generic (${name})`, async () => {
    const r = client(opts);
    const k = `gen:${name}`;
    await r.set(k, "v");
    assert.equal(await r.exists(k, k + ":no"), 1);
    assert.equal(await r.expire(k, 100), 1);
    assert.ok((await r.pttl(k)) > 90000);
    assert.equal(await r.persist(k), 1);
    assert.equal(await r.ttl(k), -1);
    assert.equal(await r.rename(k, k + ":2"), "OK");
    assert.equal(await r.copy(k + ":2", k), "COPIED");
    assert.equal(await r.del(k, k + ":2"), 2);
    assert.equal(await r.unlink(k), 0);
    assert.ok((await r.dbsize()) >= 0);
    const [cursor, keys] = await r.scan(0, { match: "gen:*", count: 1000 });
    assert.equal(typeof cursor === "string" || typeof cursor === "number", true);
    assert.ok(Array.isArray(keys));
    assert.ok(Array.isArray(await r.keys("gen:*")));
  });
}

test("binary-ish keys and values, unicode, 1 MB", async () => {
  for (const opts of [{}, { responseEncoding: false }]) {
    const r = client(opts);
    for (const key of ["a/b", "100%", "with space", "new\nline", "ключ", "emoji😀", "?q=1&_token=x", "#frag"]) {
      const val = `v:${key}:é😀\u0001"\\,`;
      assert.equal(await r.set(key, val), "OK");
      assert.equal(await r.get(key), val, key);
    }
    const big = "x".repeat(1 << 20);
    assert.equal(await r.set("big", big), "OK");
    assert.equal((await r.get("big")).length, 1 << 20);
  }
});

test("pipeline and per-item errors", async () => {
  const r = client();
  const p = r.pipeline();
  p.set("p:a", 1).incr("p:a").get("p:a");
  assert.deepEqual(await p.exec(), ["OK", 2, 2]);
  const p2 = r.pipeline();
  p2.set("p:s", "x").incr("p:s").get("p:s");
  const res = await p2.exec({ keepErrors: true });
  assert.equal(res[0].result, "OK");
  assert.equal(res[0].error, undefined);
  assert.match(res[1].error, /not an integer/);
  assert.equal(res[1].result, undefined);
  const p3 = r.pipeline();
  p3.set("p:s", "x").incr("p:s");
  await assert.rejects(p3.exec(), /not an integer/);
});

test("auto-pipelining: hundreds of concurrent calls", async () => {
  const r = client();
  const n = 500;
  await Promise.all(Array.from({ length: n }, (_, i) => r.set(`ap:${i}`, i)));
  const got = await Promise.all(Array.from({ length: n }, (_, i) => r.get(`ap:${i}`)));
  assert.deepEqual(got, Array.from({ length: n }, (_, i) => i));
  const incs = await Promise.all(Array.from({ length: n }, () => r.incr("ap:counter")));
  assert.equal(Math.max(...incs), n);
});

test("multi-exec", async () => {
  const r = client();
  const tx = r.multi();
  tx.set("tx:a", 1).incr("tx:a").get("tx:a");
  assert.deepEqual(await tx.exec(), ["OK", 2, 2]);
});

test("wrong token and read-only token", async () => {
  const bad = new Redis({ url, token: "nope", enableAutoPipelining: false });
  await assert.rejects(bad.get("x"), /WRONGPASS invalid or missing auth token/);
  await client().set("ro:k", "v");
  for (const auto of [true, false]) {
    const ro = new Redis({ url, token: roToken, enableAutoPipelining: auto });
    assert.equal(await ro.get("ro:k"), "v");
    await assert.rejects(ro.set("ro:k", "w"), /NOPERM this user has no permissions to run the 'set' command/);
    await assert.rejects(ro.scan(0), /NOPERM/);
  }
});

test("read-your-writes sync token changes after writes", async () => {
  const r = client({ enableAutoPipelining: false });
  await r.get("rw:x");
  const t0 = r.readYourWritesSyncToken;
  assert.ok(t0);
  await r.set("rw:x", "1");
  const t1 = r.readYourWritesSyncToken;
  assert.notEqual(t1, t0);
  const p = r.pipeline();
  p.set("rw:x", "2");
  await p.exec();
  assert.notEqual(r.readYourWritesSyncToken, t1);
  r.readYourWritesSyncToken = "my-new-sync-token";
  assert.equal(await r.set("rw:x", "3"), "OK");
});

test("hashes", async () => {
  const r = client();
  assert.equal(await r.hset("h", { a: "1", b: "x" }), 2);
  assert.equal(await r.hget("h", "a"), 1);
  assert.deepEqual(await r.hgetall("h"), { a: 1, b: "x" });
  assert.equal(await r.hincrby("h", "a", 2), 3);
  assert.equal(await r.hlen("h"), 2);
});

test("lists", async () => {
  const r = client();
  await r.del("l");
  assert.equal(await r.rpush("l", "a", "b", "c"), 3);
  assert.deepEqual(await r.lrange("l", 0, -1), ["a", "b", "c"]);
  assert.equal(await r.lpop("l"), "a");
  assert.equal(await r.llen("l"), 2);
  assert.equal(await r.lindex("l", 0), "b");
});

test("sets", async () => {
  const r = client();
  await r.del("s");
  assert.equal(await r.sadd("s", "a", "b"), 2);
  assert.deepEqual((await r.smembers("s")).sort(), ["a", "b"]);
  assert.equal(await r.sismember("s", "a"), 1);
  assert.equal(await r.scard("s"), 2);
});

test("sorted sets", async () => {
  const r = client();
  await r.del("z");
  assert.equal(await r.zadd("z", { score: 1, member: "a" }, { score: 2, member: "b" }, { score: 3, member: "c" }), 3);
  assert.equal(await r.zscore("z", "b"), 2);
  assert.deepEqual(await r.zrange("z", 0, -1), ["a", "b", "c"]);
  assert.deepEqual(await r.zrange("z", 0, -1, { withScores: true }), ["a", 1, "b", 2, "c", 3]);
  assert.deepEqual(await r.zrange("z", 0, -1, { offset: 1, count: 1 }), ["b"]);
});

test("streams", async () => {
  const r = client();
  const id = await r.xadd("st", "*", { f: "v" });
  assert.match(id, /^\d+-\d+$/);
  assert.equal(await r.xlen("st"), 1);
});

test("hashes with field TTLs", async () => {
  const r = client();
  await r.del("hf");
  await r.hset("hf", { a: "1", b: "2" });
  assert.deepEqual(await r.hexpire("hf", ["a", "nope"], 100), [1, -2]);
  const [ttl] = await r.httl("hf", ["a"]);
  assert.ok(ttl > 90 && ttl <= 100, `httl ${ttl}`);
  assert.deepEqual(await r.hpersist("hf", ["a"]), [1]);
  assert.deepEqual(await r.httl("hf", ["a", "b"]), [-1, -1]);
});

test("bitmaps", async () => {
  const r = client();
  await r.del("bits", "bits2", "bitsdest");
  assert.equal(await r.setbit("bits", 7, 1), 0);
  assert.equal(await r.getbit("bits", 7), 1);
  assert.equal(await r.bitcount("bits"), 1);
  assert.equal(await r.bitpos("bits", 1), 7);
  await r.setbit("bits2", 0, 1);
  assert.equal(await r.bitop("or", "bitsdest", "bits", "bits2"), 1);
  assert.equal(await r.bitcount("bitsdest"), 2);
  // The builder form needs a client without auto-pipelining.
  const bf = client({ enableAutoPipelining: false }).bitfield("bf");
  assert.deepEqual(await bf.set("u8", 0, 200).incrby("u8", 0, 100).get("u8", 0).exec(), [0, 44, 44]);
});

test("geo", async () => {
  const r = client();
  await r.del("geo");
  assert.equal(await r.geoadd("geo",
    { longitude: 13.361389, latitude: 38.115556, member: "Palermo" },
    { longitude: 15.087269, latitude: 37.502669, member: "Catania" }), 2);
  assert.equal(await r.geodist("geo", "Palermo", "Catania", "KM"), 166.2742);
  const [pos] = await r.geopos("geo", "Palermo");
  assert.ok(Math.abs(pos.lng - 13.361389) < 1e-5 && Math.abs(pos.lat - 38.115556) < 1e-5, JSON.stringify(pos));
  assert.deepEqual(await r.geohash("geo", "Palermo"), ["sqc8b49rny0"]);
  const near = await r.geosearch("geo", { type: "FROMLONLAT", coordinate: { lon: 15, lat: 37 } },
    { type: "BYRADIUS", radius: 100, radiusType: "KM" }, "ASC");
  assert.deepEqual(near, [{ member: "Catania" }]);
});

test("HyperLogLog", async () => {
  const r = client();
  await r.del("hll1", "hll2", "hll3");
  assert.equal(await r.pfadd("hll1", "a", "b", "c"), 1);
  assert.equal(await r.pfadd("hll2", "c", "d"), 1);
  assert.equal(await r.pfcount("hll1"), 3);
  assert.equal(await r.pfmerge("hll3", "hll1", "hll2"), "OK");
  assert.equal(await r.pfcount("hll3"), 4);
});

test("scripting", async () => {
  const r = client();
  assert.equal(await r.eval("return redis.call('set', KEYS[1], ARGV[1])", ["sk"], ["v"]), "OK");
  const sha = await r.scriptLoad("return redis.call('get', KEYS[1])");
  assert.deepEqual(await r.scriptExists(sha), [1]);
  assert.equal(await r.evalsha(sha, ["sk"], []), "v");
  assert.equal(await r.evalRo("return redis.call('get', KEYS[1])", ["sk"], []), "v");
  await assert.rejects(r.eval("return redis.call('nosuchcommand')", [], []), /Unknown Redis command|unknown command/i);
});

test("ACL RESTTOKEN without ACL users: a clear error", async () => {
  await assert.rejects(client({ enableAutoPipelining: false }).exec(["acl", "resttoken", "someone", "secret"]),
    /ACL RESTTOKEN needs ACL users/);
});

test("SSE subscribe receives a publish", async () => {
  const r = client();
  const sub = r.subscribe(["e2e-chan"]);
  const got = new Promise((resolve) => sub.on("message", (m) => resolve(m)));
  await new Promise((res) => setTimeout(res, 200));
  assert.equal(await r.publish("e2e-chan", { hello: "world, with commas" }), 1);
  const m = await got;
  assert.deepEqual(m.message, { hello: "world, with commas" });
  await sub.unsubscribe();
});
