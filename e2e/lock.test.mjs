// End-to-end tests of Updraft with the official @upstash/lock SDK (version
// pinned in package.json): SET NX PX, and the release and extend scripts
// sent with EVAL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "@upstash/redis";
import { Lock } from "@upstash/lock";

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.UPDRAFT_BIN || join(here, "..", "bin", "updraft");
const token = "e2e-lock-token";
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

const redis = () => new Redis({ url, token });

test("acquire, contention, release", async () => {
  const id = `lock-${Date.now()}`;
  const a = new Lock({ id, redis: redis(), lease: 5000 });
  const b = new Lock({ id, redis: redis(), lease: 5000, retry: { attempts: 2, delay: 50 } });
  assert.equal(await a.acquire(), true);
  assert.equal(await a.getStatus(), "ACQUIRED");
  assert.equal(await b.acquire(), false);
  assert.equal(await b.release(), false);
  assert.equal(await a.release(), true);
  assert.equal(await a.getStatus(), "FREE");
  assert.equal(await b.acquire(), true);
  assert.equal(await b.release(), true);
});

test("extend adds to the lease; a fractional extension fails as in Redis", async () => {
  const id = `lock-ext-${Date.now()}`;
  const r = redis();
  const a = new Lock({ id, redis: r, lease: 3000 });
  assert.equal(await a.acquire(), true);
  assert.equal(await a.extend(10000), true);
  const ttl = await r.ttl(id);
  assert.ok(ttl >= 11 && ttl <= 13, `ttl ${ttl}`);
  // ttl + 0.5 is not an integer: EXPIRE fails inside the script.
  await assert.rejects(a.extend(500), /not an integer/);
  assert.equal(await a.release(), true);
  assert.equal(await a.extend(1000), false);
});

test("the lease expires", async () => {
  const id = `lock-lease-${Date.now()}`;
  const a = new Lock({ id, redis: redis(), lease: 200 });
  const b = new Lock({ id, redis: redis(), lease: 200, retry: { attempts: 1, delay: 10 } });
  assert.equal(await a.acquire(), true);
  assert.equal(await b.acquire(), false);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await b.acquire(), true);
});
