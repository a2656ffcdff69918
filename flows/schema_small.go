package flows

import (
	"bytes"
	"fmt"
	"reflect"
)

// SmallSchema describes the JSON Schema of a small file that is not a flow (a flow test, an answers
// file), for SchemaOf.
type SmallSchema struct {
	ID, Title, Description string
	// Unwrapped, when set, names a key of the file whose map may also stand at the top of the file,
	// without the key (an answers file without `answers:`): the schema then takes either form.
	Unwrapped string
}

// SchemaOf returns the JSON Schema (draft 2020-12) of a small YAML file decoded into the struct type
// t (with DecodeSmallFile), generated from the same fields, tags and `desc` texts as the decoder
// reads, the way Schema is for flows.
func SchemaOf(t reflect.Type, s SmallSchema) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the schema of %s could not be built: %v", s.Title, r)
		}
	}()
	g := &schemaGen{defs: &jsonObject{}, done: map[reflect.Type]bool{}}
	root := jsonObject{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", s.ID},
		{"title", s.Title},
		{"description", s.Description},
	}
	body := g.structSchema(t)
	if s.Unwrapped != "" {
		body = g.unwrapped(t, body, s.Unwrapped)
	}
	root = append(root, body...)
	if len(*g.defs) > 0 {
		root = append(root, jsonMember{"$defs", *g.defs})
	}
	var b bytes.Buffer
	writeJSON(&b, root, "")
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// unwrapped is a struct's schema that also takes its map field key's entries at the top level, in a
// file without that key: one of the two forms.
func (g *schemaGen) unwrapped(t reflect.Type, wrapped jsonObject, key string) jsonObject {
	props := jsonObject{}
	var entry any
	for _, fi := range structFields(t) {
		f := t.Field(fi.index)
		if fi.key == key {
			s := g.fieldSchema(t, f, fi)
			for _, m := range s {
				if m.key == "additionalProperties" {
					entry = m.value
				}
			}
			continue
		}
		s := g.fieldSchema(t, f, fi)
		if desc := f.Tag.Get("desc"); desc != "" {
			s = append(jsonObject{{"description", desc}}, s...)
		}
		props = append(props, jsonMember{fi.key, s})
	}
	if entry == nil {
		panic(fmt.Sprintf("%s.%s is not a map", t.Name(), key))
	}
	bare := jsonObject{
		{"description", fmt.Sprintf("The short form: the entries of %s: at the top of the file, without the key.", key)},
		{"type", "object"},
		{"not", jsonObject{{"required", []any{key}}}},
		{"properties", props},
		{"additionalProperties", entry},
	}
	full := append(jsonObject{{"description", fmt.Sprintf("The full form: the entries under %s:.", key)}}, wrapped...)
	return jsonObject{{"oneOf", []any{full, bare}}}
}
