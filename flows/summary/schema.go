package summary

import _ "embed"

// SchemaVersion is the shape of the JSON summary: a change that could break a reader raises it.
const SchemaVersion = 1

// SchemaID is where the JSON summary's schema says it lives.
const SchemaID = "https://unstuck.dev/schema/summary-v1.json"

//go:embed schema.json
var schema []byte

// Schema is the JSON Schema (draft 2020-12) of the JSON summary: what unstuck schema --for summary
// prints, and what the tests hold every built-in flow's summaries to.
func Schema() []byte { return append([]byte(nil), schema...) }
