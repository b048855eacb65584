// Package crashtest holds Minka's crash test (crash_test.go): it runs the
// real minka binary (internal/binarytest), serves a fresh database on a loopback port, has many
// websocket clients record ideas with client-generated UUIDs while keeping an
// outbox of what is not acknowledged yet, kills the server with SIGKILL in
// the middle, restarts it on the same database and lets the clients
// reconnect and resend their outboxes. Then it checks that every
// acknowledged idea is stored exactly once and that nothing acknowledged was
// lost. The package has no code of its own; see docs/CRASH-TEST.md.
package crashtest
