package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// teamPaymentFails overrides the built-in payment-fails; teamInvoice is a flow the built-in library
// lacks. Both come first in the menu (order 1 and 2), so an 80×24 screen shows them without scrolling.
const (
	teamPaymentFails = `flow: payment-fails
title: "Team payment trouble"
description: Ours.
order: 1
start: done
nodes:
  done:
    kind: end
    title: Done
    outcome: solved
    advice: ["Ask {{provider.name}}."]
`
	teamInvoice = `flow: team-invoice
title: "Team invoice question"
description: Ours too.
order: 2
start: done
nodes:
  done:
    kind: end
    title: Done
    outcome: solved
`
)

// writeTeamLibrary puts the team's two flows in dir.
func writeTeamLibrary(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"payment-fails.yaml": teamPaymentFails, "team-invoice.yaml": teamInvoice} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shortTempDir is a temporary folder with a short path, so the menu's "(from FOLDER (HOW))" line
// fits the 80-column screen without breaking the folder's name.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ulib")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestLibraryFoldersInTheMenuInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux servers (sockets) and folders
	requireTmux(t)
	bin := buildBinary(t)

	// Each way of giving a library: where its flows go under the folder, the environment and the
	// flags that give it, and how the menu says it came.
	ways := []struct {
		name, sub, via string
		env            func(dir string) string
		flags          func(dir string) string
	}{
		{"a library in the user's data folder (XDG_DATA_HOME)", "unstuck/flows", "XDG_DATA_HOME",
			func(d string) string { return sh("XDG_DATA_HOME=" + d) }, func(string) string { return "" }},
		{"a system-wide library (XDG_DATA_DIRS)", "unstuck/flows", "XDG_DATA_DIRS",
			func(d string) string { return sh("XDG_DATA_DIRS=" + d) }, func(string) string { return "" }},
		{"a library named by UNSTUCK_FLOWS", "lib", "UNSTUCK_FLOWS",
			func(d string) string { return sh("UNSTUCK_FLOWS=" + filepath.Join(d, "lib")) }, func(string) string { return "" }},
		{"a library named by --flows", "lib", "--flows",
			func(string) string { return "" }, func(d string) string { return "--flows " + sh(filepath.Join(d, "lib")) }},
	}
	for _, w := range ways {
		t.Run(w.name+" replaces the built-in payment-fails and adds its own flow, each shown with its source", func(t *testing.T) {
			dir := shortTempDir(t)
			writeTeamLibrary(t, filepath.Join(dir, w.sub))
			s := startTmux(t, isolatedEnv(t, w.env(dir))+" "+sh(bin)+" "+w.flags(dir))
			s.waitFor("Team invoice question")
			screen := s.screen()
			for _, want := range []string{"Team payment trouble", "(" + w.via + "))"} {
				if !strings.Contains(screen, want) {
					t.Errorf("the menu does not show %q:\n%s", want, screen)
				}
			}
			if strings.Contains(screen, "My payment doesn't go through") {
				t.Errorf("the built-in payment-fails is still in the menu beside the library's:\n%s", screen)
			}
			if !strings.Contains(screen, "My card was declined") && !strings.Contains(screen, "How much can I spend") {
				t.Errorf("the other built-in flows are missing from the menu:\n%s", screen)
			}
			s.keys("C-c")
			s.exitCode()
		})
	}

	t.Run("--no-builtin leaves only the library's flows in the menu", func(t *testing.T) {
		dir := shortTempDir(t)
		writeTeamLibrary(t, filepath.Join(dir, "lib"))
		s := startTmux(t, isolatedEnv(t, "")+" "+sh(bin)+" --no-builtin --flows "+sh(filepath.Join(dir, "lib")))
		s.waitFor("Team invoice question")
		screen := s.screen()
		if !strings.Contains(screen, "Team payment trouble") {
			t.Errorf("the library's payment-fails is missing:\n%s", screen)
		}
		for _, builtin := range []string{"My payment doesn't go through", "How much can I spend", "My card was declined", "late fee"} {
			if strings.Contains(screen, builtin) {
				t.Errorf("--no-builtin still shows the built-in %q:\n%s", builtin, screen)
			}
		}
		if strings.Contains(screen, " 3. ") {
			t.Errorf("the menu has more than the library's two flows:\n%s", screen)
		}
		s.keys("C-c")
		s.exitCode()
	})

	t.Run("a flow of the library that does not load is said on the menu", func(t *testing.T) {
		dir := shortTempDir(t)
		writeTeamLibrary(t, filepath.Join(dir, "lib"))
		if err := os.WriteFile(filepath.Join(dir, "lib", "broken.yaml"), []byte("flow: broken\ntitel: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		s := startTmux(t, isolatedEnv(t, "")+" "+sh(bin)+" --flows "+sh(filepath.Join(dir, "lib")))
		s.waitFor("One flow could not be loaded")
		s.waitFor("Team invoice question")
		s.keys("C-c")
		s.exitCode()
	})
}

// isolatedEnv is an env command that gives the program a home, config and data folders of its own,
// so the developer's own config and flows never reach a test; extra is added last.
func isolatedEnv(t *testing.T, extra string) string {
	t.Helper()
	home := t.TempDir()
	env := []string{"env", sh("HOME=" + home), sh("XDG_CONFIG_HOME=" + filepath.Join(home, "config")), sh("XDG_DATA_HOME=" + filepath.Join(home, "data")),
		sh("XDG_DATA_DIRS=" + filepath.Join(home, "system")), "UNSTUCK_FLOWS="}
	if extra != "" {
		env = append(env, extra)
	}
	return strings.Join(env, " ")
}

// sh quotes a word for the shell: test folders are named after the test, parentheses and all.
func sh(word string) string { return "'" + strings.ReplaceAll(word, "'", `'\''`) + "'" }
