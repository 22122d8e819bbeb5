// End-to-end tests of the JSON commands through @upstash/redis's
// redis.json.* helpers over the REST API. Starts the built binary
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
const token = "e2e-json-token";
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
  proc = spawn(bin, ["--port", String(resp), "--http-port", String(http), "--dir", mkdtempSync(join(tmpdir(), "updraft-e2e-json-")),
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

for (const [name, opts] of [["default", {}], ["no-base64", { responseEncoding: false, enableAutoPipelining: false }]]) {
  test(`redis.json.* (${name})`, async () => {
    const redis = new Redis({ url, token, ...opts });
    const k = `json:${name}`;
    await redis.del(k, `${k}:2`);
    assert.equal(await redis.json.set(k, "$", { name: "Leonard", age: 29, tags: ["a", "b"], addr: { city: "X" }, ok: true }), "OK");
    assert.deepEqual(await redis.json.get(k, "$.name"), ["Leonard"]);
    assert.deepEqual(await redis.json.get(k), { name: "Leonard", age: 29, tags: ["a", "b"], addr: { city: "X" }, ok: true });
    assert.deepEqual(await redis.json.get(k, "$.age", "$.ok"), { "$.age": [29], "$.ok": [true] });
    assert.equal(await redis.json.set(k, "$.name", '"x"', { nx: true }), null);
    assert.deepEqual(await redis.json.numincrby(k, "$.age", 1), [30]);
    assert.deepEqual(await redis.json.nummultby(k, "$.age", 2), [60]);
    assert.deepEqual(await redis.json.strappend(k, "$.name", '"!"'), [8]);
    assert.deepEqual(await redis.json.strlen(k, "$.name"), [8]);
    assert.deepEqual(await redis.json.arrappend(k, "$.tags", '"c"'), [3]);
    assert.deepEqual(await redis.json.arrinsert(k, "$.tags", 0, '"z"'), [4]);
    assert.deepEqual(await redis.json.arrindex(k, "$.tags", '"c"'), [3]);
    assert.deepEqual(await redis.json.arrlen(k, "$.tags"), [4]);
    assert.deepEqual(await redis.json.arrpop(k, "$.tags"), ["c"]);
    assert.deepEqual(await redis.json.arrtrim(k, "$.tags", 0, 1), [2]);
    assert.deepEqual(await redis.json.objkeys(k, "$.addr"), [["city"]]);
    assert.deepEqual(await redis.json.objlen(k, "$.addr"), [1]);
    assert.deepEqual(await redis.json.type(k, "$.ok"), ["boolean"]);
    assert.deepEqual(await redis.json.toggle(k, "$.ok"), [0]);
    assert.equal(await redis.json.merge(k, "$.addr", { zip: "123" }), "OK");
    assert.deepEqual(await redis.json.get(k, "$.addr"), [{ city: "X", zip: "123" }]);
    assert.equal(await redis.json.clear(k, "$.tags"), 1);
    assert.equal(await redis.json.del(k, "$.addr.zip"), 1);
    assert.equal(await redis.json.forget(k, "$.ok"), 1);
    assert.deepEqual(await redis.json.resp(k, "$.tags"), [["["]]);
    assert.equal(await redis.json.mset({ key: `${k}:2`, path: "$", value: '{"a":1}' }, { key: k, path: "$.age", value: "1" }), "OK");
    assert.deepEqual(await redis.json.mget([k, `${k}:2`, "json:none"], "$.a"), [[], [1], null]);
    assert.equal(await redis.json.del(k), 1);
    assert.equal(await redis.json.get(k), null);
  });
}
