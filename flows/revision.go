package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Revision is a short fingerprint of what the flow says, as written (a translation has its
// original's): two summaries with the same flow id and revision were made by the same flow.
//
// A loaded flow is not changed after loading (placing and localizing make copies), so its revision
// is worked out once, on first use, and kept beside it: a walk's summary is made more than once (an
// answers run checks the walk, then prints it), and the fingerprint walks the whole flow by
// reflection.
func (f *Flow) Revision() string {
	if f.meta != nil && f.meta.origin != nil {
		f = f.meta.origin
	}
	if m := f.meta; m != nil {
		m.revisionOnce.Do(func() { m.revision = revisionOf(f) })
		return m.revision
	}
	return revisionOf(f)
}

func revisionOf(f *Flow) string {
	var buf []byte
	if f.meta != nil {
		buf = make([]byte, 0, 2*len(f.meta.source)) // about what the fingerprint of a flow file takes
	}
	h := sha256.Sum256(appendFingerprint(buf, reflect.ValueOf(f)))
	return hex.EncodeToString(h[:6])
}

// fingerprint writes out every field that a flow file sets (those with a yaml key), leaving out
// positions and other bookkeeping. Each struct type's keyed fields are found once, and plain
// strings, numbers and booleans are written without fmt: what it writes is exactly what it wrote
// with fmt at every field (TestTheFingerprintIsWrittenAsItWas), so no revision changes.
func fingerprint(v reflect.Value) string { return string(appendFingerprint(nil, v)) }

func appendFingerprint(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, "nil;"...)
		}
		return appendFingerprint(b, v.Elem())
	case reflect.Struct:
		for _, k := range keyedFields(v.Type()) {
			// Keys left out count as nothing, so that a key the format gains later leaves the
			// revisions of the flows that do not use it as they were.
			f := v.Field(k.index)
			if f.IsZero() {
				continue
			}
			b = append(append(b, k.name...), '=')
			b = appendFingerprint(b, f)
		}
	case reflect.Slice:
		b = append(strconv.AppendInt(append(b, '['), int64(v.Len()), 10), ':')
		for i := 0; i < v.Len(); i++ {
			b = appendFingerprint(b, v.Index(i))
		}
		b = append(b, ']')
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		b = append(b, '{')
		for _, k := range keys {
			b = append(appendQuoted(b, k.String()), ':')
			b = appendFingerprint(b, v.MapIndex(k))
		}
		b = append(b, '}')
	default:
		b = append(appendQuoted(b, plainValue(v)), ';')
	}
	return b
}

// appendQuoted appends strconv.Quote(s). Printable ASCII other than a quote or a backslash, most
// of a flow's text, is copied as it is, in runs; any other rune is quoted on its own by strconv,
// which quotes rune by rune, so the result is the same.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	run := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			continue
		}
		b = append(b, s[run:i]...)
		if s[i] == '\n' {
			b = append(b, `\n`...)
			i++
		} else {
			_, w := utf8.DecodeRuneInString(s[i:])
			n := len(b)
			b = strconv.AppendQuote(b, s[i:i+w])
			b = append(b[:n], b[n+1:len(b)-1]...) // without its quotes
			i += w
		}
		run = i
	}
	return append(append(b, s[run:]...), '"')
}

// plainValue is fmt.Sprint of a value: without fmt for a string, number or boolean whose type has
// no methods (so no String method that fmt would call).
func plainValue(v reflect.Value) string {
	if v.Type().NumMethod() == 0 {
		switch v.Kind() {
		case reflect.String:
			return v.String()
		case reflect.Bool:
			return strconv.FormatBool(v.Bool())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.FormatInt(v.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return strconv.FormatUint(v.Uint(), 10)
		}
	}
	return fmt.Sprint(v.Interface())
}

type keyedField struct {
	index int
	name  string
}

var keyedFieldsOf sync.Map // reflect.Type → []keyedField

// keyedFields are a struct type's fields that have a yaml key, in order.
func keyedFields(t reflect.Type) []keyedField {
	if fs, ok := keyedFieldsOf.Load(t); ok {
		return fs.([]keyedField)
	}
	var out []keyedField
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			out = append(out, keyedField{i, t.Field(i).Name})
		}
	}
	keyedFieldsOf.Store(t, out)
	return out
}
