package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The files a project that ships has: a licence, a changelog, a guide for contributors, and a go
// line in go.mod that asks for no patch release without a reason.
func TestTheProjectShipsLikeOne(t *testing.T) {
	root := filepath.Join("..", "..")
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return string(data)
	}
	tests := []struct {
		file string
		want []string
	}{
		{"LICENSE", []string{"MIT License", "Copyright (c) 2026 the unstuck authors", "THE SOFTWARE IS PROVIDED \"AS IS\""}},
		{"CHANGELOG.md", []string{"Keep a Changelog", "## [Unreleased]", "--from SUMMARY --staff"}},
		{"CONTRIBUTING.md", []string{"## Build and test", "## Add a flow", "## Add a language", "## The privacy rules", "go test ./..."}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" is there and says what it should", func(t *testing.T) {
			text := read(tt.file)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks %q", tt.file, w)
				}
			}
		})
	}
	t.Run("go.mod asks for the first release of its Go version, and names no toolchain", func(t *testing.T) {
		mod := read("go.mod")
		if m := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(mod); m == nil || !regexp.MustCompile(`^1\.\d+(\.0)?$`).MatchString(m[1]) {
			t.Errorf("go.mod's go line is %q, want a version with no patch release", m)
		}
		if strings.Contains(mod, "\ntoolchain ") {
			t.Error("go.mod names a toolchain")
		}
	})
}
