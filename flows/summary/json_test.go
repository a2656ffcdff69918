package summary

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

// fillStrings sets every string in v, however deep, to text, and gives every slice one element and
// every pointer a value, so that a field added to the summary later is filled too.
func fillStrings(v reflect.Value, text string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				fillStrings(v.Field(i), text)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillStrings(s.Index(0), text)
		v.Set(s)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillStrings(v.Elem(), text)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillStrings(k, text)
		fillStrings(e, text)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

// controlsIn lists the strings in a decoded JSON value that hold a control or escape character.
func controlsIn(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		if flows.HasControl(v) {
			out = append(out, v)
		}
	case []any:
		for _, e := range v {
			out = append(out, controlsIn(e)...)
		}
	case map[string]any:
		for k, e := range v {
			out = append(out, controlsIn(k)...)
			out = append(out, controlsIn(e)...)
		}
	}
	return out
}

func TestJSONSummaryCarriesNoEscapeSequences(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"a CSI sequence", "red \x1b[31mtext\x1b[0m"},
		{"a clipboard write", "copy \x1b]52;c;aGk=\a this"},
		{"a hyperlink", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"},
		{"an 8-bit CSI", "clear \u009b2J screen"},
		{"a direction override", "abc\u202edef"},
		{"a bell and a backspace", "ring \a back \b"},
	} {
		t.Run("every field with "+tc.name+" is sanitized", func(t *testing.T) {
			var sm Summary
			fillStrings(reflect.ValueOf(&sm).Elem(), tc.text)
			sm.Time = time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC)
			out := sm.JSON()
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if bad := controlsIn(v); len(bad) > 0 {
				t.Errorf("%d strings carry control characters, e.g. %q:\n%s", len(bad), bad[0], out)
			}
			if strings.Contains(out, `\u001b`) || strings.Contains(out, `\u009b`) {
				t.Errorf("an escape is in the JSON text:\n%s", out)
			}
			if !strings.Contains(out, "2026-06-15T14:30:00Z") {
				t.Errorf("the time was lost:\n%s", out)
			}
		})
	}
}
