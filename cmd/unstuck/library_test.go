package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// libraryEnv is an environment of temporary folders: the developer's own config and flows never
// reach the test. vars are added.
func libraryEnv(t *testing.T, vars map[string]string) func(string) string {
	t.Helper()
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "config"), "XDG_DATA_HOME": filepath.Join(home, "data"),
		"XDG_DATA_DIRS": filepath.Join(home, "system"), "XDG_STATE_HOME": filepath.Join(home, "state"), "LANG": "C.UTF-8"}
	for k, v := range vars {
		env[k] = v
	}
	return func(k string) string { return env[k] }
}

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const acmeAnswers = `now: 2026-06-15
answers:
  store: Example Shoes
  amount: "120.50"
  error-seen: ""
  order-number: ""
  internet: "yes"
  card-ask: "no"
  details: all-match
  limits: "yes"
  limit-available: "100"
  limit-cap: ""
checks:
  connection-check: skipped
`

func TestTheConfigsProviderReachesTheBuiltInFlows(t *testing.T) {
	cfgHome := t.TempDir()
	writeFile(t, filepath.Join(cfgHome, "unstuck", "config.yaml"), "provider:\n  name: Acme Pay\n")
	teamLib := t.TempDir()
	writeFile(t, filepath.Join(teamLib, "unstuck.yaml"), "provider:\n  name: Team Pay\n")
	answers := writeFile(t, filepath.Join(t.TempDir(), "case.yaml"), acmeAnswers)

	cases := []struct {
		name  string
		args  []string
		env   map[string]string
		want  string
		build string // where the summary says the flow came from
	}{
		{"the user's config names the provider", nil, map[string]string{"XDG_CONFIG_HOME": cfgHome}, "Acme Pay", "built-in"},
		{"a library's unstuck.yaml wins over the user's config", []string{"--flows", teamLib}, map[string]string{"XDG_CONFIG_HOME": cfgHome}, "Team Pay", "built-in"},
		{"without a config the flow's own provider is kept", nil, nil, "your payment provider", "built-in"},
	}
	for _, c := range cases {
		t.Run(c.name+" in the flow's texts and in its summary", func(t *testing.T) {
			env := libraryEnv(t, c.env)
			// The texts: the first step of payment-fails, line by line, names the provider.
			s, _, stderr := testStreams("\n")
			s.Env = env
			runWithin(t, append(append([]string{}, c.args...), "run", "payment-fails", "--no-save"), s)
			if !strings.Contains(stderr.String(), c.want+"'s support chat") {
				t.Errorf("the first step does not name %q:\n%s", c.want, stderr)
			}
			// The summary.
			s, stdout, stderr := testStreams("")
			s.Env = env
			if code := runWithin(t, append(append([]string{}, c.args...), "run", "payment-fails", "--answers", answers, "--format", "json"), s); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var sum struct{ Provider, Library string }
			if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
				t.Fatalf("%v\n%s", err, stdout)
			}
			if sum.Provider != c.want || sum.Library != c.build {
				t.Errorf("the summary says provider %q from %q, want %q from %q", sum.Provider, sum.Library, c.want, c.build)
			}
		})
	}
}

func TestInitMakesALibraryThatLintsAndTests(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "team-flows")
	env := libraryEnv(t, nil)
	do := func(args ...string) (int, string) {
		t.Helper()
		s, stdout, stderr := testStreams("")
		s.Env = env
		code := runWithin(t, args, s)
		return code, stdout.String() + stderr.String()
	}
	if code, out := do("init", dir); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	for _, f := range []string{"checkout-help.yaml", "checkout-help.test.yaml", "unstuck.yaml", "schema/flow.json", "schema/config.json", ".github/workflows/unstuck.yml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	steps := []struct {
		name string
		args []string
		want string
	}{
		{"lint passes on the new library", []string{"lint", dir}, "No problems in 2 files."},
		{"its tests pass", []string{"test", dir}, "3 passed, 0 failed"},
		{"lint of the whole library with it passes", []string{"--flows", dir, "lint"}, "No problems"},
		{"the whole library's tests pass with it", []string{"--flows", dir, "test"}, " 0 failed"},
		{"list shows the sample flow and where it comes from", []string{"--flows", dir, "list"}, "checkout-help\t"},
		{"config shows the sample provider and its file", []string{"--flows", dir, "config"}, "provider.name\tExample Pay\t" + filepath.Join(dir, "unstuck.yaml")},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			code, out := do(st.args...)
			if code != 0 || !strings.Contains(out, st.want) {
				t.Errorf("unstuck %s: exit %d, want 0 and %q in:\n%s", strings.Join(st.args, " "), code, st.want, out)
			}
		})
	}
	t.Run("the files point editors at the schemas init wrote", func(t *testing.T) {
		for file, schema := range map[string]string{"checkout-help.yaml": "./schema/flow.json", "unstuck.yaml": "./schema/config.json"} {
			b, _ := os.ReadFile(filepath.Join(dir, file))
			if !strings.HasPrefix(string(b), "# yaml-language-server: $schema="+schema+"\n") {
				t.Errorf("%s does not start with the modeline for %s", file, schema)
			}
		}
	})
	t.Run("init refuses a folder that is not empty", func(t *testing.T) {
		if code, out := do("init", dir); code != exitUsage || !strings.Contains(out, "is not empty") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("init --force writes into it", func(t *testing.T) {
		if code, out := do("init", "--force", dir); code != 0 {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
}

func TestListShowsAFlowThatDoesNotLoadWithItsFirstError(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "team.yaml"), "flow: team\ntitle: Team\nstart: done\nnodes:\n  done:\n    kind: end\n    title: Done\n")
	writeFile(t, filepath.Join(dir, "broken.yaml"), "flow: broken\ntitle: Broken\nstart: nowhere\nnodes:\n  done:\n    kind: end\n    title: Done\n")
	s, stdout, _ := testStreams("")
	s.Env = libraryEnv(t, map[string]string{"UNSTUCK_FLOWS": dir})
	code := runWithin(t, []string{"list", "--format", "json"}, s)
	if code != exitProblems {
		t.Errorf("exit %d, want 1 while a flow does not load", code)
	}
	var got struct {
		Flows []struct{ ID, Title, Source, Error string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	found := map[string]string{}
	for _, f := range got.Flows {
		found[f.ID] = f.Source + "|" + f.Error
	}
	if want := dir + " (UNSTUCK_FLOWS)|"; found["team"] != want {
		t.Errorf("team: %q, want %q", found["team"], want)
	}
	if !strings.Contains(found["broken"], "broken.yaml:3:8") || !strings.Contains(found["broken"], "nowhere") {
		t.Errorf("broken: %q, want its first error with its line", found["broken"])
	}
	if found["payment-fails"] != "built-in|" {
		t.Errorf("payment-fails: %q", found["payment-fails"])
	}
}

func TestLintChecksAConfigFileLikeAFlow(t *testing.T) {
	path := writeFile(t, filepath.Join(t.TempDir(), "unstuck.yaml"), "provider:\n  nmae: Acme\n")
	s, stdout, _ := testStreams("")
	s.Env = libraryEnv(t, nil)
	if code := runWithin(t, []string{"lint", path}, s); code != exitProblems {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{`unstuck.yaml:2:3: error unknown-key: the config.provider has no key "nmae"`, `help: did you mean "name"?`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("lint says:\n%s\nwant %q", stdout, want)
		}
	}
}

func TestSchemaForConfigIsTheConfigsSchema(t *testing.T) {
	s, stdout, _ := testStreams("")
	if code := runWithin(t, []string{"schema", "--for", "config"}, s); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || doc.ID != "https://unstuck.dev/schema/config-v1.json" {
		t.Errorf("$id %q, err %v", doc.ID, err)
	}
}

func TestEveryCommandSeesTheMergedLibrary(t *testing.T) {
	dir := t.TempDir()
	builtin, err := flows.Library() // lint reads every built-in flow and the two of the team
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "payment-fails.yaml"), teamPaymentFails)
	writeFile(t, filepath.Join(dir, "team-invoice.yaml"), teamInvoice)
	answers := writeFile(t, filepath.Join(t.TempDir(), "none.yaml"), "answers: {}\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"graph draws a library flow by its id", []string{"graph", "team-invoice"}, "Done"},
		{"run runs the library's payment-fails, not the built-in one", []string{"run", "payment-fails", "--answers", answers}, "Problem: Team payment trouble"},
		{"test passes over the built-in payment-fails tests the library's flow replaces", []string{"test"}, "passed over: the library's " + filepath.Join(dir, "payment-fails.yaml") + " replaces the built-in payment-fails"},
		{"lint of the whole library reads the library's files", []string{"lint"}, fmt.Sprintf("No problems in %d files.", len(builtin)+2+2)}, // the built-in flows, two parts files (card, support) and the two of the folder
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			s.Env = libraryEnv(t, map[string]string{"UNSTUCK_FLOWS": dir})
			code := runWithin(t, c.args, s)
			if out := stdout.String() + stderr.String(); code != 0 || !strings.Contains(out, c.want) {
				t.Errorf("unstuck %s: exit %d, want 0 and %q in:\n%s", strings.Join(c.args, " "), code, c.want, out)
			}
		})
	}
}

func TestTheConfigsLanguageIsTheDefault(t *testing.T) {
	cfgHome := t.TempDir()
	writeFile(t, filepath.Join(cfgHome, "unstuck", "config.yaml"), "language: sv\n")
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"the config's language wins over the environment's", []string{"list"}, map[string]string{"XDG_CONFIG_HOME": cfgHome, "LANG": "de_DE.UTF-8"}, "Min betalning går inte igenom"},
		{"--lang wins over the config", []string{"--lang", "en", "list"}, map[string]string{"XDG_CONFIG_HOME": cfgHome}, "My payment doesn't go through"},
		{"without a config the environment's language is spoken", []string{"list"}, map[string]string{"LANG": "de_DE.UTF-8"}, "Meine Zahlung geht nicht durch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			s.Env = libraryEnv(t, c.env)
			if code := runWithin(t, c.args, s); code != 0 || !strings.Contains(stdout.String(), c.want) {
				t.Errorf("exit %d, want %q in:\n%s%s", code, c.want, stdout, stderr)
			}
		})
	}
}

func TestTheConfigsStaffDefaultsApplyInStaffModeOnly(t *testing.T) {
	cfgHome := t.TempDir()
	writeFile(t, filepath.Join(cfgHome, "unstuck", "config.yaml"), "staff:\n  summary_lang: de\n")
	answers := writeFile(t, filepath.Join(t.TempDir(), "case.yaml"), acmeAnswers)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"an agent's transcript is in the team's language", []string{"run", "payment-fails", "--staff", "--case", "7", "--answers", answers}, "Meine Zahlung geht nicht durch"},
		{"--summary-lang wins over the team's", []string{"run", "payment-fails", "--staff", "--case", "7", "--summary-lang", "sv", "--answers", answers}, "Min betalning går inte igenom"},
		{"a shopper's summary is in the shopper's language", []string{"run", "payment-fails", "--answers", answers}, "Problem: Payment does not go through"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			s.Env = libraryEnv(t, map[string]string{"XDG_CONFIG_HOME": cfgHome})
			if code := runWithin(t, c.args, s); code != 0 || !strings.Contains(stdout.String(), c.want) {
				t.Errorf("exit %d, want %q in:\n%s%s", code, c.want, stdout, stderr)
			}
		})
	}
}
