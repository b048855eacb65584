// Package live runs Minka's live rooms over websockets: one room per workshop
// table and one per workshop (the plenary screen). It speaks the protocol
// documented in docs/PROTOCOL.md, whose vocabulary (rooms, events and their
// payloads, messages, frames, error codes) is declared in internal/liveproto.
//
// The shape follows gorilla/websocket's chat example and Mattermost's web
// hub: one goroutine per room owns its members (register, unregister,
// broadcast), every connection has a read loop and a bounded send queue (a
// client whose queue is full is dropped, never waited for), and each
// broadcast is encoded once for all members. A connection's write pump runs
// only while something is queued (frames, a ping on its timer, the close)
// and writes all of it at once; the goroutine that sends the answers to a
// connection's operations in order starts with its first operation. An idle
// reader therefore costs one goroutine.
//
// Durability comes from the store: a change is applied in the group-commit
// writer together with its room event (live_events), acknowledged only after
// the commit, then published. Each room numbers its events 1, 2, 3 …; a client
// that reconnects with the last seq it saw gets exactly the events it missed,
// read back from the database, even after a restart.
package live
