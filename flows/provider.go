package flows

import (
	"fmt"
	"reflect"
	"strings"
)

// A flow found in a library is placed there: it carries where it came from (for `unstuck list` and
// the summary) and the team's provider settings (a config file), which win over the flow's own
// provider: block. Placing makes a shallow copy, so the built-in flows, loaded once and shared, are
// never changed, and the placing survives Localize.
type placing struct {
	library  string
	provider Provider
}

// Placed returns the flow as found in library (a description of where, such as "built-in" or a
// folder), with the team's provider settings: every one set in team wins over the flow's own.
func (f *Flow) Placed(library string, team Provider) *Flow {
	out := *f
	out.placed = &placing{library: library, provider: team}
	return &out
}

// Library says where the flow was found ("built-in", a folder); empty for a flow read on its own.
func (f *Flow) Library() string {
	if f.placed == nil {
		return ""
	}
	return f.placed.library
}

// keep gives a localized copy the placing of the flow it was made from.
func (f *Flow) keep(out *Flow) *Flow {
	if f.placed == nil || out == nil || out.placed == f.placed {
		return out
	}
	cp := *out
	cp.placed = f.placed
	return &cp
}

// ProviderKeys are the provider settings' keys (name, help_url, chat_url, hosts, ...), in the order
// the format declares them. A setting added to Provider is a key here, a {{provider.KEY}} in texts, a
// config setting and a line of `unstuck config` with nothing else to change.
func ProviderKeys() []string {
	var out []string
	for _, fi := range structFields(reflect.TypeFor[Provider]()) {
		out = append(out, fi.key)
	}
	return out
}

// IsProviderRef reports whether a {{name}} names a provider setting.
func IsProviderRef(ref string) bool {
	key, ok := strings.CutPrefix(ref, "provider.")
	return ok && providerField(key) >= 0
}

func providerField(key string) int {
	for _, fi := range structFields(reflect.TypeFor[Provider]()) {
		if fi.key == key {
			return fi.index
		}
	}
	return -1
}

// ProviderSetting is the provider setting key as the flow is run: the team's when set, else the
// flow's own; a list is its items with spaces between. known is false for a key Provider lacks.
func (f *Flow) ProviderSetting(key string) (value string, known bool) {
	i := providerField(key)
	if i < 0 {
		return "", false
	}
	if f.placed != nil {
		if v := providerValue(f.placed.provider, key); v != "" {
			return v, true
		}
	}
	return providerValue(f.Provider, key), true
}

// providerValue is one setting of p as text: a list is its items with spaces between.
func providerValue(p Provider, key string) string {
	i := providerField(key)
	if i < 0 {
		return ""
	}
	return settingText(reflect.ValueOf(p).Field(i))
}

func settingText(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = settingText(v.Index(i))
		}
		return strings.Join(parts, " ")
	case reflect.String:
		return v.String()
	}
	if v.IsZero() {
		return ""
	}
	return fmt.Sprint(v.Interface())
}
