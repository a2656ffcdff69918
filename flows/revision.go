package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	h := sha256.Sum256([]byte(fingerprint(reflect.ValueOf(f))))
	return hex.EncodeToString(h[:6])
}

// fingerprint writes out every field that a flow file sets (those with a yaml key), leaving out
// positions and other bookkeeping. Each struct type's keyed fields are found once, and plain
// strings, numbers and booleans are written without fmt: what it writes is exactly what it wrote
// with fmt at every field (TestTheFingerprintIsWrittenAsItWas), so no revision changes.
func fingerprint(v reflect.Value) string {
	var b strings.Builder
	writeFingerprint(&b, v)
	return b.String()
}

func writeFingerprint(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil;")
			return
		}
		writeFingerprint(b, v.Elem())
	case reflect.Struct:
		for _, k := range keyedFields(v.Type()) {
			// Keys left out count as nothing, so that a key the format gains later leaves the
			// revisions of the flows that do not use it as they were.
			f := v.Field(k.index)
			if f.IsZero() {
				continue
			}
			b.WriteString(k.name)
			b.WriteByte('=')
			writeFingerprint(b, f)
		}
	case reflect.Slice:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(v.Len()))
		b.WriteByte(':')
		for i := 0; i < v.Len(); i++ {
			writeFingerprint(b, v.Index(i))
		}
		b.WriteByte(']')
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		b.WriteByte('{')
		for _, k := range keys {
			writeQuoted(b, k.String())
			b.WriteByte(':')
			writeFingerprint(b, v.MapIndex(k))
		}
		b.WriteByte('}')
	default:
		writeQuoted(b, plainValue(v))
		b.WriteByte(';')
	}
}

// writeQuoted writes strconv.Quote(s): a text of printable ASCII with no quote or backslash, as
// most of a flow's are, is quoted as it is, without looking at each rune.
func writeQuoted(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			b.WriteString(strconv.Quote(s))
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
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
