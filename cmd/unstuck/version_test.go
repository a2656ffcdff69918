package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	scrubber "github.com/unstuck-dev/unstuck/checks/redact"
)

func TestVersionSaysTheModuleVersionAndTheCommit(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		set  string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"a tagged build says its version and commit", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"},
			Settings: settings("vcs.revision", "abc1234def5678", "vcs.modified", "false")}, true, "v0.3.0 (abc1234)"},
		{"a build from a modified tree says so once, in words", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203114500-abc1234def56+dirty"},
			Settings: settings("vcs.revision", "abc1234def5678", "vcs.modified", "true")}, true, "v0.0.0-dev (abc1234, modified)"},
		{"a pseudo-version after a release is its next version's dev", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.1-0.20261203115521-de1200e15e10"},
			Settings: settings("vcs.revision", "de1200e15e10")}, true, "v0.3.1-dev (de1200e)"},
		{"a pseudo-version after a pre-release keeps it", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.1-rc.1.0.20261203115521-de1200e15e10"}}, true, "v0.3.1-rc.1.dev"},
		{"a version set at link time keeps the commit from the build info", "v1.0.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "0123456789")}, true, "v1.0.0 (0123456)"},
		{"a build with no version and no commit says dev", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "dev"},
		{"no build info at all says dev", "", nil, false, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionString(tt.set, tt.info, tt.ok)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if scrubber.String(got) != got {
				t.Errorf("the scrubber every output passes changes %q to %q", got, scrubber.String(got))
			}
		})
	}
}

func TestTheBuiltBinarySaysItsVersionAndCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel() // each build in a folder of its own
	t.Run("a release version set at link time is said", func(t *testing.T) {
		t.Parallel()
		bin := filepath.Join(t.TempDir(), "unstuck")
		if out, err := exec.Command("go", "build", "-ldflags", "-X main.version=v9.8.7", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		out, _ := exec.Command(bin, "--version").CombinedOutput()
		if !strings.HasPrefix(string(out), "unstuck version v9.8.7") {
			t.Errorf("--version says %q", out)
		}
	})
	t.Run("a build from a git checkout says its commit", func(t *testing.T) {
		t.Parallel()
		// The binary the other tests share, built as go build builds it: stamped with the commit
		// wherever the go command can read one (-buildvcs=auto).
		bin := buildBinary(t)
		info, _ := exec.Command("go", "version", "-m", bin).Output()
		m := regexp.MustCompile(`vcs\.revision=([0-9a-f]{7})`).FindSubmatch(info)
		if m == nil {
			t.Skip("the go command stamps no commit in this checkout (a git worktree, or no git)")
		}
		out, _ := exec.Command(bin, "--version").CombinedOutput()
		want := regexp.MustCompile(`^unstuck version v\S+ \(` + string(m[1]) + `(, modified)?\)\n$`)
		if !want.Match(out) {
			t.Errorf("--version says %q, want the module version and commit %s", out, m[1])
		}
	})
}
