package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

func TestConfigFilesAreDecodedStrictly(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       string // in the diagnostics, with the line:col
		errors     bool
	}{
		{"an unknown key is an error on its line, with the key meant", "provider:\n  name: Acme\n  help_ur: x\n", "3:3: error unknown-key: the config.provider has no key \"help_ur\" (did you mean \"help_url\"?)", true},
		{"a top-level key misspelled is named with the right one", "langauge: sv\n", "1:1: error unknown-key: the config has no key \"langauge\" (did you mean \"language\"?)", true},
		{"a host that is not an address is an error", "provider:\n  hosts: [\"not an address/\"]\n", "2:3: error bad-value: provider host \"not an address/\" is not an address", true},
		{"a language unstuck does not speak is a warning", "language: xx\n", "1:11: warning bad-value: unstuck has no words in \"xx\"", false},
		{"a list where text is meant is an error", "language: [sv]\n", "1:11: error", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("unstuck.yaml", []byte(c.yaml))
			if got := diags.Error(); !strings.Contains(got, c.want) {
				t.Errorf("diagnostics:\n%s\nwant them to hold %q", got, c.want)
			}
			if diags.HasErrors() != c.errors {
				t.Errorf("errors = %v, want %v", diags.HasErrors(), c.errors)
			}
		})
	}
}

func TestLaterFilesWinSettingBySetting(t *testing.T) {
	dir := t.TempDir()
	user, lib := filepath.Join(dir, "config.yaml"), filepath.Join(dir, "lib", "unstuck.yaml")
	os.MkdirAll(filepath.Dir(lib), 0o755)
	os.WriteFile(user, []byte("provider:\n  name: User Pay\n  hosts: [https://user.example]\nlanguage: de\n"), 0o644)
	os.WriteFile(lib, []byte("provider:\n  name: Team Pay\nstaff:\n  save_dir: /srv/cases\n"), 0o644)
	s, diags := Load([]string{user, filepath.Join(dir, "missing.yaml"), lib})
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	got := map[string]Setting{}
	for _, st := range s.List() {
		got[st.Key] = st
	}
	want := map[string]Setting{
		"provider.name":     {"provider.name", "Team Pay", lib},
		"provider.hosts":    {"provider.hosts", "https://user.example", user},
		"language":          {"language", "de", user},
		"staff.save_dir":    {"staff.save_dir", "/srv/cases", lib},
		"provider.help_url": {"provider.help_url", "", ""},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %+v, want %+v", k, got[k], w)
		}
	}
	if len(s.Files) != 2 {
		t.Errorf("files read: %v", s.Files)
	}
}

func TestEveryProviderKeyIsASetting(t *testing.T) {
	// A key added to flows.Provider is a config setting with nothing else to change.
	keys := map[string]bool{}
	for _, st := range (Settings{}).List() {
		keys[st.Key] = true
	}
	for _, k := range flows.ProviderKeys() {
		if !keys["provider."+k] {
			t.Errorf("provider.%s is not a config setting", k)
		}
	}
}

func TestTheSchemaDescribesEverySetting(t *testing.T) {
	b, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID         string                     `json:"$id"`
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	for _, k := range []string{"provider", "language", "staff"} {
		if doc.Properties[k] == nil {
			t.Errorf("the schema lacks %s", k)
		}
	}
	for _, k := range flows.ProviderKeys() {
		if doc.Defs["Provider"].Properties[k] == nil {
			t.Errorf("the schema lacks provider.%s", k)
		}
	}
}

func TestTheUserFileFollowsXDG(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"XDG_CONFIG_HOME wins", map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"}, "/x/unstuck/config.yaml"},
		{"a relative XDG_CONFIG_HOME is ignored, as the spec says", map[string]string{"XDG_CONFIG_HOME": "x", "HOME": "/h"}, "/h/.config/unstuck/config.yaml"},
		{"without either there is none", map[string]string{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := UserFile(func(k string) string { return c.env[k] }); got != c.want {
				t.Errorf("UserFile = %q, want %q", got, c.want)
			}
		})
	}
}

func TestAConfigThatIsNotAFileIsSaidNotReadForever(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo", "unstuck.yaml")
	os.MkdirAll(filepath.Dir(fifo), 0o755)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	done := make(chan flows.Diagnostics)
	go func() {
		_, diags := Load([]string{fifo, zero})
		done <- diags
	}()
	select {
	case diags := <-done:
		for _, want := range []string{"named pipe", "device"} {
			if !strings.Contains(diags.Error(), want) {
				t.Errorf("the problems do not say %q:\n%s", want, diags.Error())
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe or /dev/zero as a config did not end")
	}
}
