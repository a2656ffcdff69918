package flows

import (
	"bytes"
	"fmt"
	"reflect"
)

// SchemaOf returns the JSON Schema (draft 2020-12) of another file unstuck decodes the way it decodes
// flows (DecodeFile): t is the struct decoded into, read through the same tags, so the schema and
// the decoder cannot drift apart.
func SchemaOf(t reflect.Type, id, title, description string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the schema of %s could not be built: %v", title, r)
		}
	}()
	g := &schemaGen{defs: &jsonObject{}, done: map[reflect.Type]bool{}}
	root := jsonObject{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", id},
		{"title", title},
		{"description", description},
	}
	root = append(root, g.structSchema(t)...)
	if len(*g.defs) > 0 {
		root = append(root, jsonMember{"$defs", *g.defs})
	}
	var b bytes.Buffer
	writeJSON(&b, root, "")
	b.WriteByte('\n')
	return b.Bytes(), nil
}
