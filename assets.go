// Package minka holds the files embedded in the binary: templates, static
// assets and SQL migrations. The code lives under internal/ and cmd/.
package minka

import "embed"

// Templates are the server-rendered HTML pages.
//
//go:embed templates
var Templates embed.FS

// Static holds CSS, JavaScript and images, vendored: the workshop LAN has no internet.
//
//go:embed static
var Static embed.FS

// Migrations are the versioned SQL migrations applied at start.
//
//go:embed db/migrations/*.sql
var Migrations embed.FS
