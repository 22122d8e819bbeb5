// Package server is Updraft's network front end: one gnet engine with one
// listener per address (gnet.Rotate), multi-core event loops, and the RESP
// codec that turns bytes into engine commands and replies back into bytes.
//
// Rules of the event loop, from gnet's own documentation: OnTraffic peeks
// what is buffered, runs every whole command in it, discards what was used
// and writes all replies at once; no slice from Peek outlives the callback
// (the engine copies keys and values into its own memory); nothing blocks
// inside OnTraffic; other goroutines reach a connection only through
// AsyncWrite, Wake and Close.
//
// The package may import engine and internal packages; engine never imports
// it.
package server
