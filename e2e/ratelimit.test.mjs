// End-to-end tests of Updraft's Lua scripting with the official
// @upstash/ratelimit SDK (version pinned in package.json): every algorithm
// runs its EVALSHA/EVAL scripts through the REST API (auto-pipelined, so
// through /pipeline), with small windows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "@upstash/redis";
import { Ratelimit, MultiRegionRatelimit } from "@upstash/ratelimit";

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.UPDRAFT_BIN || join(here, "..", "bin", "updraft");
const token = "e2e-ratelimit-token";
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
    "--rest-token", token], { stdio: ["ignore", "pipe", "inherit"] });
  url = `http://127.0.0.1:${http}`;
  await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => { out += d; if (out.includes("REST API on")) resolve(); });
    proc.on("exit", (c) => reject(new Error("updraft exited " + c + ": " + out)));
    setTimeout(() => reject(new Error("updraft did not start: " + out)), 10000);
  });
});

after(() => proc?.kill("SIGTERM"));

const redis = (opts = {}) => new Redis({ url, token, ...opts });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let ids = 0;
const uid = (name) => `${name}-${Date.now()}-${ids++}`;

// waitWindow sleeps until just after the next multiple of ms, so that a
// test starts at the beginning of a fresh fixed window.
async function waitWindow(ms) {
  await sleep(ms - (Date.now() % ms) + 20);
}

// drain sends n requests one at a time and returns the responses.
async function drain(rl, id, n, opts) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await rl.limit(id, opts));
  return out;
}

test("fixedWindow: exactly limit per window, remaining, reset, next window", async () => {
  const rl = new Ratelimit({ redis: redis(), limiter: Ratelimit.fixedWindow(5, "2 s"), prefix: uid("fw") });
  await waitWindow(2000);
  const res = await drain(rl, "user", 7);
  assert.deepEqual(res.map((r) => r.success), [true, true, true, true, true, false, false]);
  assert.deepEqual(res.map((r) => r.remaining), [4, 3, 2, 1, 0, 0, 0]);
  assert.equal(res[0].limit, 5);
  assert.equal(res[0].reset % 2000, 0);
  assert.ok(res[0].reset > Date.now());
  const rem = await rl.getRemaining("user");
  assert.equal(rem.remaining, 0);
  assert.equal(rem.limit, 5);
  await sleep(res[0].reset - Date.now() + 50);
  const next = await rl.limit("user");
  assert.equal(next.success, true);
  assert.equal(next.remaining, 4);
});

test("fixedWindow: rate, resetUsedTokens, dynamic limits", async () => {
  const rl = new Ratelimit({ redis: redis(), limiter: Ratelimit.fixedWindow(10, "5 s"), prefix: uid("fwr"), dynamicLimits: true });
  await waitWindow(5000);
  let r = await rl.limit("u", { rate: 4 });
  assert.equal(r.success, true);
  assert.equal(r.remaining, 6);
  r = await rl.limit("u", { rate: 7 });
  assert.equal(r.success, false);
  await rl.resetUsedTokens("u");
  r = await rl.limit("u");
  assert.equal(r.remaining, 9);
  await rl.setDynamicLimit({ limit: 3 });
  assert.deepEqual(await rl.getDynamicLimit(), { dynamicLimit: 3 });
  r = await rl.limit("v");
  assert.equal(r.limit, 3);
  assert.equal(r.remaining, 2);
  await rl.setDynamicLimit({ limit: false });
  r = await rl.limit("v");
  assert.equal(r.limit, 10);
});

test("slidingWindow: limit, weighted previous window, getRemaining, reset", async () => {
  const rl = new Ratelimit({ redis: redis(), limiter: Ratelimit.slidingWindow(4, "2 s"), prefix: uid("sw") });
  await waitWindow(2000);
  const res = await drain(rl, "user", 6);
  assert.deepEqual(res.map((r) => r.success), [true, true, true, true, false, false]);
  assert.deepEqual(res.slice(0, 4).map((r) => r.remaining), [3, 2, 1, 0]);
  assert.equal((await rl.getRemaining("user")).remaining, 0);
  await rl.resetUsedTokens("user");
  assert.equal((await rl.getRemaining("user")).remaining, 4);
  const r = await rl.limit("user", { rate: 2 });
  assert.equal(r.success, true);
  assert.equal(r.remaining, 2);
  // Two windows later everything is forgotten.
  await sleep(4100);
  assert.equal((await rl.limit("user")).remaining, 3);
});

test("tokenBucket: bucket empties and refills", async () => {
  const rl = new Ratelimit({ redis: redis(), limiter: Ratelimit.tokenBucket(2, "2 s", 3), prefix: uid("tb") });
  const res = await drain(rl, "user", 4);
  assert.deepEqual(res.map((r) => r.success), [true, true, true, false]);
  assert.deepEqual(res.slice(0, 3).map((r) => r.remaining), [2, 1, 0]);
  assert.ok(res[3].reset > Date.now() - 50);
  const rem = await rl.getRemaining("user");
  assert.equal(rem.remaining, 0);
  assert.equal(rem.limit, 3);
  // One refill of 2 tokens once the interval has passed (reset).
  await sleep(res[3].reset - Date.now() + 100);
  const r = await rl.limit("user");
  assert.equal(r.success, true);
  assert.equal(r.remaining, 1);
  await rl.resetUsedTokens("user");
  assert.equal((await rl.getRemaining("user")).remaining, 3);
});

test("cachedFixedWindow: limit with the ephemeral cache", async () => {
  const rl = new Ratelimit({ redis: redis(), limiter: Ratelimit.cachedFixedWindow(3, "2 s"), prefix: uid("cfw"),
    ephemeralCache: new Map() });
  await waitWindow(2000);
  const res = await drain(rl, "user", 5);
  assert.deepEqual(res.map((r) => r.success), [true, true, true, false, false]);
  assert.equal((await rl.getRemaining("user")).remaining, 0);
});

test("multi-region fixedWindow and slidingWindow over two clients", async () => {
  for (const limiter of [MultiRegionRatelimit.fixedWindow(4, "3 s"), MultiRegionRatelimit.slidingWindow(4, "3 s")]) {
    const rl = new MultiRegionRatelimit({ redis: [redis(), redis()], limiter, prefix: uid("mr") });
    await waitWindow(3000);
    const res = await drain(rl, "user", 6);
    await Promise.all(res.map((r) => r.pending));
    assert.deepEqual(res.map((r) => r.success), [true, true, true, true, false, false], JSON.stringify(res));
    assert.equal(res[0].limit, 4);
    const rem = await rl.getRemaining("user");
    assert.equal(rem.remaining, 0);
    await rl.resetUsedTokens("user");
    assert.equal((await rl.getRemaining("user")).remaining, 4);
  }
});

test("deny list and analytics", async () => {
  const prefix = uid("dl");
  const r = redis();
  // The IP deny list is valid for an hour: no download from GitHub.
  await r.set(`${prefix}:ipDenyListStatus`, "valid", { ex: 3600 });
  await r.sadd(`${prefix}:denyList:all`, "badguy");
  const rl = new Ratelimit({ redis: r, limiter: Ratelimit.fixedWindow(5, "10 s"), prefix, enableProtection: true,
    analytics: true });
  const bad = await rl.limit("badguy");
  assert.equal(bad.success, false);
  assert.equal(bad.reason, "denyList");
  const good = await rl.limit("friend");
  assert.equal(good.success, true);
  await Promise.all([bad.pending, good.pending]);
  const hour = Math.floor(Date.now() / 3600000) * 3600000;
  const events = await r.zrange(`${prefix}:events:${hour}`, 0, -1);
  assert.ok(events.length >= 1, "analytics events recorded");
  // The dashboard's aggregate script: cjson.decode, true becomes 1.
  const usage = await rl.analytics.getUsage(Date.now() - 3600000);
  assert.ok(usage.friend, JSON.stringify(usage));
});
