// Package live runs Minka's live rooms over websockets: one room per workshop
// table and one per workshop (the plenary screen). It speaks the protocol
// documented in docs/PROTOCOL.md, whose vocabulary (rooms, events and their
// payloads, messages, frames, error codes) is declared in internal/liveproto.
//
// The shape follows gorilla/websocket's chat example and Mattermost's web
// hub: one goroutine per room owns its members (register, unregister,
// broadcast), every connection has a read loop and a bounded send queue (a
// client whose queue is full is dropped, never waited for), and each
// broadcast is encoded once for all members. A frame for a connection
// nobody is writing to is written at once by whoever queues it (the room's
// goroutine for a broadcast), without blocking, on a plain TCP socket;
// only what the socket does not take, frames queued meanwhile, pings (on a
// timer) and the close wait for a write pump, a goroutine that runs while
// there is something to write and writes all of it in one write (TLS
// connections always use the pump). The answers to a connection's
// messages go out in the order of the messages, sent by whichever
// operation completes the head of the line (no goroutine of their own).
// An idle reader therefore costs one goroutine, its read loop.
//
// Durability comes from the store: a change is applied in the group-commit
// writer together with its room event (live_events), acknowledged only after
// the commit, and published from the commit (store.OnCommit: each room gets
// a commit's events at once). Each room numbers its events 1, 2, 3 …; a client
// that reconnects with the last seq it saw gets exactly the events it missed,
// read back from the database, even after a restart.
package live
