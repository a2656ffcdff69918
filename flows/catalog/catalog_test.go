package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/unstuck-dev/unstuck/checks/connectivity" // the built-in payment-fails runs it
	"github.com/unstuck-dev/unstuck/flows"
)

func flowFile(id, title string) string {
	return "flow: " + id + "\ntitle: \"" + title + "\"\nstart: done\nnodes:\n  done:\n    kind: end\n    title: Done\n    outcome: solved\n    advice: [\"Ask {{provider.name}}.\"]\n"
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// env is an environment of temporary folders only: nothing of the developer's reaches the test.
func env(t *testing.T, vars map[string]string) func(string) string {
	home := t.TempDir()
	base := map[string]string{"HOME": home, "XDG_DATA_DIRS": filepath.Join(home, "system")}
	for k, v := range vars {
		base[k] = v
	}
	return func(k string) string { return base[k] }
}

func TestLaterPlacesOverrideEarlierOnesByFlowID(t *testing.T) {
	root := t.TempDir()
	sys1, sys2 := filepath.Join(root, "sys1"), filepath.Join(root, "sys2")
	data, envDir, flagDir := filepath.Join(root, "data"), filepath.Join(root, "env"), filepath.Join(root, "flag")
	// Every place has a flow "shared"; each also has one of its own.
	places := []struct{ dir, via string }{
		{filepath.Join(sys2, "unstuck", "flows"), ViaDataDirs}, // named last in XDG_DATA_DIRS: looked in first
		{filepath.Join(sys1, "unstuck", "flows"), ViaDataDirs},
		{filepath.Join(data, "unstuck", "flows"), ViaDataHome},
		{envDir, ViaEnv},
		{flagDir, ViaFlag},
	}
	for i, p := range places {
		write(t, filepath.Join(p.dir, "shared.yaml"), flowFile("shared", "Shared from "+p.via+string(rune('0'+i))))
		write(t, filepath.Join(p.dir, "own.yaml"), flowFile("own-"+string(rune('a'+i)), "Own"))
	}
	lib, problems := Open(Options{
		Getenv:  env(t, map[string]string{"XDG_DATA_DIRS": sys1 + string(os.PathListSeparator) + sys2, "XDG_DATA_HOME": data, "UNSTUCK_FLOWS": envDir}),
		Folders: []string{flagDir},
	})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems[0].First())
	}
	t.Run("the flow given by --flows wins over every other place", func(t *testing.T) {
		e := lib.Find("shared")
		if e == nil || e.Source.Via != ViaFlag || !strings.HasPrefix(e.Flow().Title, "Shared from --flows") {
			t.Fatalf("shared comes from %+v", e)
		}
		if len(e.Replaces) != 4 {
			t.Errorf("it replaces %v, want the four places before it", e.Replaces)
		}
	})
	t.Run("the first folder of XDG_DATA_DIRS wins over the later ones", func(t *testing.T) {
		if got := lib.Find("shared").Replaces[1].Dir; got != places[1].dir {
			t.Errorf("the second place replaced is %s, want %s", got, places[1].dir)
		}
	})
	t.Run("every place's own flow is there, with the built-in ones", func(t *testing.T) {
		for _, id := range []string{"own-a", "own-b", "own-c", "own-d", "own-e", "payment-fails"} {
			if lib.Find(id) == nil {
				t.Errorf("%s is missing from %v", id, lib.IDs())
			}
		}
	})
	t.Run("a flow's library is what the summary names", func(t *testing.T) {
		if got := lib.Find("own-e").Flow().Library(); got != flagDir+" (--flows)" {
			t.Errorf("Library() = %q", got)
		}
		if got := lib.Find("payment-fails").Flow().Library(); got != "built-in" {
			t.Errorf("the built-in's Library() = %q", got)
		}
	})
}

func TestNoBuiltinLeavesOnlyTheFoldersFlows(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "payment-fails.yaml"), flowFile("payment-fails", "Ours"))
	lib, _ := Open(Options{Getenv: env(t, nil), Folders: []string{dir}, NoBuiltin: true})
	if got := strings.Join(lib.IDs(), " "); got != "payment-fails" {
		t.Fatalf("the library is %q, want only the folder's payment-fails", got)
	}
	if len(lib.Find("payment-fails").Replaces) != 0 {
		t.Errorf("with --no-builtin nothing is replaced")
	}
}

func TestTranslationsBesideAFlowComeWithIt(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "team.yaml"), flowFile("team", "Our flow"))
	write(t, filepath.Join(dir, "team.sv.yaml"), "translation: team\nlanguage: sv\ntexts:\n  title:\n    source: Our flow\n    text: Vårt flöde\n")
	lib, problems := Open(Options{Getenv: env(t, nil), Folders: []string{dir}})
	if len(problems) > 0 {
		t.Fatalf("problems: %s", problems[0].First())
	}
	if got := lib.Find("team").Flow().Localize("sv").Title; got != "Vårt flöde" {
		t.Errorf("in Swedish the title is %q", got)
	}
}

func TestFilesThatCannotBeReadAreProblemsNotHangs(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.yaml"), flowFile("good", "Good"))
	write(t, filepath.Join(dir, "broken.yaml"), "flow: broken\ntitel: x\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	done := make(chan *Library)
	go func() {
		lib, _ := Open(Options{Getenv: env(t, nil), Folders: []string{dir, filepath.Join(dir, "missing")}, NoBuiltin: true})
		done <- lib
	}()
	var lib *Library
	select {
	case lib = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("opening a library with a named pipe and /dev/zero in it did not end")
	}
	if lib.Find("good") == nil {
		t.Errorf("the good flow is missing beside the bad files")
	}
	got := map[string]string{}
	for _, p := range lib.Problems {
		got[filepath.Base(p.Path)] = p.First()
	}
	for name, want := range map[string]string{"broken.yaml": "the flow needs \"title\"", "fifo.yaml": "named pipe", "zero.yaml": "device", "missing": "no such folder"} {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s: the problem is %q, want it to say %q", name, got[name], want)
		}
	}
}

func TestMissingDataFoldersArePassedOverQuietly(t *testing.T) {
	lib, problems := Open(Options{Getenv: env(t, nil)})
	if len(problems) > 0 {
		t.Errorf("a user without data folders gets problems: %s", problems[0].First())
	}
	if lib.Find("payment-fails") == nil {
		t.Errorf("the built-in flows are missing")
	}
}

func TestTwoFlowsWithOneIDInOneFolderAreAProblem(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.yaml"), flowFile("same", "A"))
	write(t, filepath.Join(dir, "b.yaml"), flowFile("same", "B"))
	lib, problems := Open(Options{Getenv: env(t, nil), Folders: []string{dir}, NoBuiltin: true})
	if len(problems) != 1 || !strings.Contains(problems[0].First(), "also the id of") {
		t.Fatalf("problems: %v", problems)
	}
	if lib.Find("same").Flow().Title != "A" {
		t.Errorf("the first file's flow should stay")
	}
}

func TestTheTeamsProviderReachesEveryFlow(t *testing.T) {
	cfgHome := t.TempDir()
	write(t, filepath.Join(cfgHome, "unstuck", "config.yaml"), "provider:\n  name: User Pay\n  help_url: https://user.example\n")
	lib1 := t.TempDir()
	write(t, filepath.Join(lib1, "unstuck.yaml"), "provider:\n  name: Acme Pay\n")
	write(t, filepath.Join(lib1, "own.yaml"), flowFile("own", "Own"))
	lib, problems := Open(Options{Getenv: env(t, map[string]string{"XDG_CONFIG_HOME": cfgHome}), Folders: []string{lib1}})
	if len(problems) > 0 || len(lib.ConfigProblems) > 0 {
		t.Fatalf("problems: %v %v", problems, lib.ConfigProblems)
	}
	cases := []struct{ name, id, lang string }{
		{"the built-in payment-fails in English", "payment-fails", "en"},
		{"the built-in payment-fails in Swedish", "payment-fails", "sv"},
		{"the library's own flow", "own", "en"},
	}
	for _, c := range cases {
		t.Run(c.name+" names the library's provider, and keeps the user's help link", func(t *testing.T) {
			f := lib.Find(c.id).Flow().Localize(c.lang)
			if got := f.ProviderName(); got != "Acme Pay" {
				t.Errorf("ProviderName() = %q", got)
			}
			st := flows.Start(f, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC))
			if got := st.Text("{{provider.name}} {{provider.help_url}}"); got != "Acme Pay https://user.example" {
				t.Errorf("the texts say %q", got)
			}
		})
	}
	t.Run("each setting says which file set it", func(t *testing.T) {
		from := lib.Settings.From
		if from["provider.name"] != filepath.Join(lib1, "unstuck.yaml") || from["provider.help_url"] != filepath.Join(cfgHome, "unstuck", "config.yaml") {
			t.Errorf("From = %v", from)
		}
	})
}
