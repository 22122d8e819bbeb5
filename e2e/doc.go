// Package e2e runs the end-to-end suite of the REST API: the official
// @upstash/redis SDK (pinned in package.json, installed by `npm ci`)
// driven by `node --test` against the built updraft binary.
package e2e
