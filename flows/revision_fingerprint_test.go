package flows

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Every revision a summary has carried stays as it was: the fingerprint, written faster, writes
// exactly what it wrote with fmt, for every built-in flow in every language, every part and every
// flow under testdata.
func TestTheFingerprintIsWrittenAsItWas(t *testing.T) {
	var values []any
	lib, _ := Library()
	for _, f := range lib {
		for _, lang := range f.Languages() {
			values = append(values, f.Localize(lang))
		}
	}
	for _, pf := range BuiltinParts().Files() {
		values = append(values, pf)
	}
	paths, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range paths {
		if f, diags := loadFile(p); !diags.HasErrors() && f != nil {
			values = append(values, f)
		}
	}
	type odd struct {
		Kind  Kind              `yaml:"kind"`
		Any   any               `yaml:"any"`
		Map   map[string][]int8 `yaml:"map"`
		Float float64           `yaml:"float"`
		Skip  string            `yaml:"-"`
		Plain uint16            `yaml:"plain"`
		Text  string            `yaml:"text"`
	}
	values = append(values, odd{Kind: KindChoice, Any: 3.5, Map: map[string][]int8{"b": {1}, "a": nil, "é\"": {-2}}, Float: 1e21, Skip: "x", Plain: 7,
		Text: "a \"quote\", a \\ backslash, é, \x01, \x7f and \xff"})
	if len(values) < 50 {
		t.Fatalf("only %d values to compare", len(values))
	}
	for _, v := range values {
		if got, want := fingerprint(reflect.ValueOf(v)), fingerprintByFmt(reflect.ValueOf(v)); got != want {
			t.Errorf("%T: the fingerprint changed:\n got %.200s\nwant %.200s", v, got, want)
		}
	}
}

// fingerprintByFmt is fingerprint as it was first written (with fmt, the tags read at each field): the
// fast one must write exactly what it writes, or every revision changes.
// It writes out every field that a flow file sets (those with a yaml key), leaving out
// positions and other bookkeeping.
func fingerprintByFmt(v reflect.Value) string {
	var b strings.Builder
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				b.WriteString("nil;")
				return
			}
			walk(v.Elem())
		case reflect.Struct:
			t := v.Type()
			for i := 0; i < t.NumField(); i++ {
				// Keys left out count as nothing, so that a key the format gains later leaves the
				// revisions of the flows that do not use it as they were.
				if tag := t.Field(i).Tag.Get("yaml"); tag == "" || tag == "-" || v.Field(i).IsZero() {
					continue
				}
				b.WriteString(t.Field(i).Name + "=")
				walk(v.Field(i))
			}
		case reflect.Slice:
			fmt.Fprintf(&b, "[%d:", v.Len())
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
			b.WriteString("]")
		case reflect.Map:
			keys := v.MapKeys()
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
			b.WriteString("{")
			for _, k := range keys {
				fmt.Fprintf(&b, "%q:", k.String())
				walk(v.MapIndex(k))
			}
			b.WriteString("}")
		default:
			fmt.Fprintf(&b, "%q;", fmt.Sprint(v.Interface()))
		}
	}
	walk(v)
	return b.String()
}

// BenchmarkFingerprint is the revision of payment-fails worked out from the start, as a run does
// once for its summary: a reflection walk of the flow that writes out what it says, then a hash.
// Writing each field with fmt, as at first, took about three times as long.
func BenchmarkFingerprint(b *testing.B) {
	b.ReportAllocs()
	f := Builtin("payment-fails")
	for b.Loop() {
		_ = revisionOf(f)
	}
}
