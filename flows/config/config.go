// Package config reads a support team's settings: the payment provider every flow names, the
// default language and staff mode's defaults, from the user's config file and each library's own.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// Config is one config file: the user's ($XDG_CONFIG_HOME/unstuck/config.yaml) or a library's
// (unstuck.yaml at the root of a library folder). Every setting is optional; one not set leaves the
// one before it (or the flow's own) in effect.
type Config struct {
	Schema   string         `yaml:"$schema" desc:"Optional link to the JSON Schema, for editors."`
	Provider flows.Provider `yaml:"provider" desc:"The payment provider, for every flow: its settings win over a flow's own provider: block, built-in flows included. Texts use them as {{provider.KEY}}."`
	Language string         `yaml:"language" desc:"The language to speak when --lang is not given, as a tag like sv or de-AT. Default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG."`
	Staff    Staff          `yaml:"staff" desc:"Defaults for staff mode (unstuck run --staff), for support agents."`

	Keys map[string]flows.Pos `yaml:"-"` // where each top-level key's value stands
}

// Staff holds staff mode's defaults; a flag given on the command line wins.
type Staff struct {
	SummaryLang string `yaml:"summary_lang" desc:"The language agents read the summary and transcript in, when it is not the shopper's (like --summary-lang)."`
	SaveDir     string `yaml:"save_dir" desc:"The folder where s on the end screen saves the transcript (like --save-dir)."`
}

// FileName is a library folder's config file, at its root.
const FileName = "unstuck.yaml"

// SchemaID is where the config format's JSON Schema says it lives.
const SchemaID = "https://unstuck.dev/schema/config-v1.json"

// IsConfigFile reports whether path is named as a config file is: unstuck.yaml, or config.yaml in
// a folder named unstuck.
func IsConfigFile(path string) bool {
	base := filepath.Base(path)
	return base == FileName || (base == "config.yaml" && filepath.Base(filepath.Dir(path)) == "unstuck")
}

// UserFile is the user's config file: $XDG_CONFIG_HOME/unstuck/config.yaml, else
// ~/.config/unstuck/config.yaml; empty when neither can be worked out.
func UserFile(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "unstuck", "config.yaml")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config", "unstuck", "config.yaml")
	}
	return ""
}

// Parse decodes a config file strictly, as a flow is: unknown keys are errors with a did-you-mean,
// every problem a diagnostic with its line. An empty file is a config that sets nothing.
func Parse(path string, data []byte) (*Config, flows.Diagnostics) {
	c := &Config{}
	diags := flows.DecodeFile(path, data, c, "the config", true, nil)
	if diags.HasErrors() {
		return nil, diags
	}
	at := func(key string) flows.Pos {
		if p, ok := c.Keys[key]; ok {
			return p
		}
		return flows.Pos{Line: 1, Col: 1}
	}
	problem := func(sev flows.Severity, key, hint, format string, args ...any) {
		diags = append(diags, flows.Diagnostic{Path: path, Pos: at(key), Severity: sev, Code: flows.CodeBadValue, Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	for _, h := range c.Provider.Hosts {
		if !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") && strings.ContainsAny(h, "/ ") {
			problem(flows.SeverityError, "provider", "write an address like https://pay.example.com", "provider host %q is not an address", flows.Clip(h))
		}
	}
	for _, l := range []struct{ key, tag string }{{"language", c.Language}, {"staff", c.Staff.SummaryLang}} {
		if l.tag == "" {
			continue
		}
		if _, ok := flows.MatchLanguage(l.tag); !ok {
			problem(flows.SeverityWarning, l.key, "unstuck speaks "+strings.Join(flows.Languages(), ", ")+"; a flow of your own may still be translated into it",
				"unstuck has no words in %q", flows.Clip(l.tag))
		}
	}
	diags = diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	return c, diags
}

// Read reads and decodes the config file at path, with the loader's limits: a named pipe or a
// device is refused without being read.
func Read(path string) (*Config, flows.Diagnostics) {
	data, diags := files.ReadFlowFile(path)
	if diags != nil {
		return nil, diags
	}
	return Parse(path, data)
}

// Setting is one setting in effect: its key (provider.name, language, staff.save_dir), its value as
// text, and the file that set it (empty when none did).
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	From  string `json:"from,omitempty"`
}

// Settings are the settings in effect: every file's, later files winning.
type Settings struct {
	Config
	From  map[string]string // setting key -> the file that set it
	Files []string          // the files read, in order
}

// Load reads the config files at paths in order, later ones winning setting by setting. A path
// where there is no file is passed over; a file that does not load is a diagnostic and sets nothing.
func Load(paths []string) (Settings, flows.Diagnostics) {
	s := Settings{From: map[string]string{}}
	var all flows.Diagnostics
	for _, p := range paths {
		if p == "" || !exists(p) {
			continue
		}
		c, diags := Read(p)
		all = append(all, diags...)
		if c == nil {
			continue
		}
		s.Files = append(s.Files, p)
		s.merge(*c, p)
	}
	return s, all
}

// merge lays c over the settings, noting where each setting it sets came from.
func (s *Settings) merge(c Config, from string) {
	walk(reflect.ValueOf(&s.Config).Elem(), reflect.ValueOf(c), "", func(key string, dst, src reflect.Value) {
		if !src.IsZero() {
			dst.Set(src)
			s.From[key] = from
		}
	})
}

// List is every setting, in the order the format declares them, with its value and where it came
// from; a setting no file sets has an empty value.
func (s Settings) List() []Setting {
	var out []Setting
	v := reflect.ValueOf(s.Config)
	walk(v, v, "", func(key string, _, val reflect.Value) {
		out = append(out, Setting{Key: key, Value: text(val), From: s.From[key]})
	})
	return out
}

// walk calls fn for every setting (a leaf of the config's tree, by its dotted key), with the field
// in dst and in src.
func walk(dst, src reflect.Value, prefix string, fn func(key string, dst, src reflect.Value)) {
	t := src.Type()
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" || tag == "$schema" {
			continue
		}
		if t.Field(i).Type.Kind() == reflect.Struct {
			walk(dst.Field(i), src.Field(i), prefix+tag+".", fn)
			continue
		}
		fn(prefix+tag, dst.Field(i), src.Field(i))
	}
}

func text(v reflect.Value) string {
	if v.Kind() == reflect.Slice {
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = text(v.Index(i))
		}
		return strings.Join(parts, " ")
	}
	if v.IsZero() {
		return ""
	}
	return fmt.Sprint(v.Interface())
}

// Schema is the JSON Schema of the config file, generated from the types Parse decodes.
func Schema() ([]byte, error) {
	return flows.SchemaOf(reflect.TypeFor[Config](), flows.SmallSchema{
		ID:    SchemaID,
		Title: "unstuck config",
		Description: "unstuck's settings for a support team: the payment provider, the default language and staff mode's defaults. " +
			"In $XDG_CONFIG_HOME/unstuck/config.yaml, or unstuck.yaml at the root of a library folder. Generated by `unstuck schema --for config`.",
	})
}

// exists reports whether anything is at path: a folder or a named pipe there is read, and said.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
