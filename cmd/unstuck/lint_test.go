package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// -update rewrites testdata/lint/*.want from what `unstuck lint` prints now. Review the diff before
// committing it: a .want file is the promise of what a writer sees.
var update = flag.Bool("update", false, "rewrite testdata/lint/*.want with the current output of unstuck lint")

// lintCorpus is the hostile-input corpus in testdata/lint: each NAME.yaml has its expected output in
// NAME.want, the exact text of `unstuck lint testdata/lint/NAME.yaml` run from the repository root.
var lintCorpus = []struct{ file, about string }{
	{"empty.yaml", "an empty file is reported as empty"},
	{"binary-junk.yaml", "binary junk with NUL bytes is reported as not text"},
	{"invalid-utf8.yaml", "invalid UTF-8 is reported on the line where it starts"},
	{"syntax-error.yaml", "a YAML syntax error is reported on its line"},
	{"alias-bomb.yaml", "the billion laughs alias bomb is not expanded"},
	{"alias-bomb-conditions.yaml", "an alias bomb inside conditions stops at the size limit"},
	{"nesting-flow.yaml", "flow-style brackets nested 10,000 deep are too large"},
	{"nesting-block.yaml", "block-style lists nested 10,000 deep are read without a crash"},
	{"every-mistake.yaml", "a file with every kind of mistake reports them all at once"},
	{"yes-no.yaml", "unquoted yes, no, on, off, y and n are warnings"},
	{"control-chars.yaml", "escape sequences written with YAML escapes are reported"},
	{"raw-escapes.yaml", "raw escape bytes in the file never reach the output"},
	{"duplicate-key.yaml", "a key written twice and a node id used twice are reported"},
	{"translated.yaml", "a translation beside the flow is checked for missing and stale texts"},
	{"silent-mistakes.yaml", "mistakes that load but never work as meant are reported at their lines"},
}

// panicked is what Parse says when it had to recover from a panic; no input should get there.
const panicked = "gave up on it"

func TestLintCorpus(t *testing.T) {
	t.Chdir("../..")
	onDisk, _ := filepath.Glob("testdata/lint/*.yaml")
	onDisk = slices.DeleteFunc(onDisk, flows.IsTranslationFile) // checked with their flow
	for _, path := range onDisk {
		if !slices.ContainsFunc(lintCorpus, func(c struct{ file, about string }) bool { return c.file == filepath.Base(path) }) {
			t.Errorf("%s is not in lintCorpus; add it with a sentence saying what it shows", path)
		}
	}
	for _, c := range lintCorpus {
		t.Run(c.about, func(t *testing.T) {
			path := "testdata/lint/" + c.file
			wantPath := strings.TrimSuffix(path, ".yaml") + ".want"
			code, out, errOut := lint(t, path)
			if *update {
				if err := os.WriteFile(wantPath, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/unstuck -run TestLintCorpus -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("unstuck lint %s printed something else than %s:\n%s", path, wantPath, lineDiff(string(want), out))
			}
			if errOut != "" {
				t.Errorf("lint wrote to stderr: %q", errOut)
			}
			if strings.Contains(out, panicked) {
				t.Errorf("lint recovered from a panic on %s; the input should get a diagnostic of its own:\n%s", path, out)
			}
			assertTerminalSafe(t, out)

			errs, warns := verdictCounts(t, string(want))
			if errs+warns == 0 {
				t.Fatalf("%s has no diagnostics; every file in the corpus should have at least one", wantPath)
			}
			if wantCode := boolCode(errs > 0); code != wantCode {
				t.Errorf("exit code %d with %d errors and %d warnings; want %d", code, errs, warns, wantCode)
			}
			if errs == 0 {
				if strictCode, _, _ := lint(t, "--strict", path); strictCode != exitProblems {
					t.Errorf("--strict: exit code %d with %d warnings; want %d", strictCode, warns, exitProblems)
				}
			}
		})
	}
}

// The binary cases must stay binary: an editor that "fixes" them would make the tests pass vacuously.
func TestLintCorpusFilesAreStillHostile(t *testing.T) {
	junk, err := os.ReadFile("../../testdata/lint/binary-junk.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(junk, []byte{0}) || len(junk) < 256 {
		t.Errorf("binary-junk.yaml should be a few hundred bytes with a NUL among them; it has %d bytes", len(junk))
	}
	bad, err := os.ReadFile("../../testdata/lint/invalid-utf8.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(bad, []byte("caf\xe9")) {
		t.Error("invalid-utf8.yaml should hold the Latin-1 byte 0xE9 after caf")
	}
	raw, err := os.ReadFile("../../testdata/lint/raw-escapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("\x1b[2J")) || !bytes.Contains(raw, []byte("\x1b]52;")) {
		t.Error("raw-escapes.yaml should hold raw ESC [2J and ESC ]52; bytes")
	}
	for name, depth := range map[string]int{"nesting-flow.yaml": 10_000, "nesting-block.yaml": 10_000} {
		data, err := os.ReadFile("../../testdata/lint/" + name)
		if err != nil {
			t.Fatal(err)
		}
		open := bytes.Count(data, []byte("[")) + bytes.Count(data, []byte("- "))
		if open != depth {
			t.Errorf("%s nests %d deep; want %d", name, open, depth)
		}
	}
}

// Cases too big, or too tied to the file system, to commit: the test makes them in a temporary
// folder, shown as $DIR in the expected output.
func TestLintGeneratedCases(t *testing.T) {
	t.Run("a 50 MB file is too large, and is never read into memory", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "huge.yaml")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		// Sparse: 50 MB on paper, nothing on disk. A reader that read it would see NUL bytes and
		// say "larger than"; the size check says "the file is 50 MB" before reading anything.
		if err := f.Truncate(50 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code, out, _ := lint(t, path)
		runtime.ReadMemStats(&after)
		assertOutput(t, out, dir, `$DIR/huge.yaml:1:1: error too-large: the file is 50 MB; a flow file may be at most 32 MB
  help: split it into several flows

1 error and 0 warnings in 1 file.
`)
		if code != exitProblems {
			t.Errorf("exit code %d; want %d", code, exitProblems)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("linting a 50 MB file allocated %d MB; it should stop at the file's size", alloc>>20)
		}
	})

	t.Run("a file that does not exist is reported", func(t *testing.T) {
		dir := t.TempDir()
		code, out, _ := lint(t, filepath.Join(dir, "missing.yaml"))
		assertOutput(t, out, dir, `$DIR/missing.yaml:1:1: error syntax: no such file
  help: check the path

1 error and 0 warnings in 1 file.
`)
		if code != exitProblems {
			t.Errorf("exit code %d; want %d", code, exitProblems)
		}
	})

	t.Run("an unreadable file is reported", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("chmod 000 does not make a file unreadable on Windows")
		}
		if os.Geteuid() == 0 {
			t.Skip("running as root, which can read a file with mode 000, so the file cannot be made unreadable")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "locked.yaml")
		if err := os.WriteFile(path, []byte("flow: locked\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o644) })
		code, out, _ := lint(t, path)
		assertOutput(t, out, dir, `$DIR/locked.yaml:1:1: error syntax: cannot read the file: permission denied
  help: check its permissions

1 error and 0 warnings in 1 file.
`)
		if code != exitProblems {
			t.Errorf("exit code %d; want %d", code, exitProblems)
		}
	})

	t.Run("an unreadable folder inside a linted folder is reported", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("chmod 000 does not make a folder unreadable on Windows")
		}
		if os.Geteuid() == 0 {
			t.Skip("running as root, which can read a folder with mode 000, so the folder cannot be made unreadable")
		}
		dir := t.TempDir()
		locked := filepath.Join(dir, "locked")
		if err := os.Mkdir(locked, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(locked, "flow.yaml"), []byte("flow: locked\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(locked, 0o000); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
		code, out, _ := lint(t, dir)
		if code != exitProblems || !regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(locked)+`:1:1: error `).MatchString(out) {
			t.Errorf("exit code %d, output:\n%s\nwant exit code %d and an error for %s", code, out, exitProblems, locked)
		}
	})

	t.Run("a directory named like a flow file, with no flow in it, is reported", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "flow.yaml")
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		code, out, _ := lint(t, path)
		// "No problems in 0 files." would let a CI job pointed at the wrong place pass.
		if code != exitProblems || !strings.Contains(out, path+":") {
			t.Errorf("unstuck lint %s: exit code %d, output:\n%s\nwant exit code %d and a diagnostic for the folder", path, code, out, exitProblems)
		}
	})

	t.Run("block nesting deeper than the YAML reader allows is one error", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "deeper.yaml")
		if err := os.WriteFile(path, []byte(strings.Repeat("- ", 20_000)+"deep\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, _ := lint(t, path)
		first, _, _ := strings.Cut(out, "\n")
		if !regexp.MustCompile(`^\$DIR/deeper\.yaml:1:1: error (syntax|too-large): `).MatchString(strings.ReplaceAll(first, dir, "$DIR")) {
			t.Errorf("first line %q; want a syntax or too-large error at 1:1", first)
		}
		if !strings.HasSuffix(out, "\n1 error and 0 warnings in 1 file.\n") {
			t.Errorf("want exactly one error; got:\n%s", out)
		}
		if code != exitProblems {
			t.Errorf("exit code %d; want %d", code, exitProblems)
		}
	})
}

func TestLintExitCodes(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"the built-in flows are clean", []string{"lint"}, exitOK},
		{"the built-in flows are clean even with --strict", []string{"lint", "--strict"}, exitOK},
		{"a file with errors exits 1", []string{"lint", "testdata/lint/every-mistake.yaml"}, exitProblems},
		{"a file with errors exits 1 with --strict too", []string{"lint", "--strict", "testdata/lint/every-mistake.yaml"}, exitProblems},
		{"warnings alone exit 0", []string{"lint", "testdata/lint/yes-no.yaml"}, exitOK},
		{"warnings with --strict exit 1", []string{"lint", "--strict", "testdata/lint/yes-no.yaml"}, exitProblems},
		{"warnings alone exit 0 as json too", []string{"lint", "--format", "json", "testdata/lint/yes-no.yaml"}, exitOK},
		{"warnings with --strict exit 1 as github annotations too", []string{"lint", "--format", "github", "--strict", "testdata/lint/yes-no.yaml"}, exitProblems},
		{"an unknown --format is a usage error", []string{"lint", "--format", "xml", "testdata/lint/yes-no.yaml"}, exitUsage},
		{"an unknown flag is a usage error", []string{"lint", "--no-such-flag"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, out, errOut := testStreams("")
			if code := run(tc.args, s); code != tc.code {
				t.Errorf("unstuck %s: exit code %d; want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tc.args, " "), code, tc.code, out, errOut)
			}
		})
	}
}

func TestLintFormatJSON(t *testing.T) {
	t.Chdir("../..")
	known := diagnosticCodes(t)
	for _, c := range lintCorpus {
		t.Run(c.about, func(t *testing.T) {
			path := "testdata/lint/" + c.file
			code, out, _ := lint(t, "--format", "json", path)
			text := wantText(t, c.file)
			errs, warns := verdictCounts(t, text)
			if code != boolCode(errs > 0) {
				t.Errorf("exit code %d as json with %d errors; want %d", code, errs, boolCode(errs > 0))
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal([]byte(out), &top); err != nil {
				t.Fatalf("--format json is not JSON: %v\n%s", err, out)
			}
			if got := slices.Sorted(maps.Keys(top)); !slices.Equal(got, []string{"diagnostics", "errors", "files", "warnings"}) {
				t.Errorf("top-level keys %v; want diagnostics, errors, files, warnings", got)
			}
			var report struct {
				Files, Errors, Warnings int
				Diagnostics             []map[string]json.RawMessage
			}
			if err := json.Unmarshal([]byte(out), &report); err != nil {
				t.Fatal(err)
			}
			if report.Files != 1 || report.Errors != errs || report.Warnings != warns {
				t.Errorf("files %d, errors %d, warnings %d; want 1, %d, %d", report.Files, report.Errors, report.Warnings, errs, warns)
			}
			if len(report.Diagnostics) != errs+warns {
				t.Fatalf("%d diagnostics; want %d", len(report.Diagnostics), errs+warns)
			}
			textCodes := diagnosticLine.FindAllStringSubmatch(text, -1)
			for i, d := range report.Diagnostics {
				for _, key := range []string{"path", "pos", "severity", "code", "message"} {
					if _, ok := d[key]; !ok {
						t.Errorf("diagnostic %d has no %q: %v", i, key, d)
					}
				}
				for key := range d {
					if !slices.Contains([]string{"path", "pos", "severity", "code", "message", "hint"}, key) {
						t.Errorf("diagnostic %d has the undocumented key %q", i, key)
					}
				}
				var pos struct{ Line, Col int }
				var p, sev, code string
				json.Unmarshal(d["pos"], &pos)
				json.Unmarshal(d["path"], &p)
				json.Unmarshal(d["severity"], &sev)
				json.Unmarshal(d["code"], &code)
				if !sameFlowFile(p, path) || pos.Line < 1 || pos.Col < 1 {
					t.Errorf("diagnostic %d is at %s:%d:%d; want %s and a line and column from 1", i, p, pos.Line, pos.Col, path)
				}
				if sev != "error" && sev != "warning" {
					t.Errorf("diagnostic %d has severity %q", i, sev)
				}
				if !known[code] {
					t.Errorf("diagnostic %d has code %q, which flows/diag.go does not define", i, code)
				}
				if i < len(textCodes) && (textCodes[i][2] != sev || textCodes[i][3] != code) {
					t.Errorf("diagnostic %d is %s %s as json but %s %s as text", i, sev, code, textCodes[i][2], textCodes[i][3])
				}
			}
		})
	}
	t.Run("a clean run has an empty list, not null", func(t *testing.T) {
		_, out, _ := lint(t, "--format", "json")
		if !strings.Contains(out, `"diagnostics": []`) {
			t.Errorf("want \"diagnostics\": []; got:\n%s", out)
		}
	})
}

var githubLine = regexp.MustCompile(`^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([a-z-]+)::(.+)$`)

func TestLintFormatGitHub(t *testing.T) {
	t.Chdir("../..")
	for _, c := range lintCorpus {
		t.Run(c.about, func(t *testing.T) {
			path := "testdata/lint/" + c.file
			code, out, _ := lint(t, "--format", "github", path)
			text := wantText(t, c.file)
			if errs, _ := verdictCounts(t, text); code != boolCode(errs > 0) {
				t.Errorf("exit code %d as github annotations with %d errors; want %d", code, errs, boolCode(errs > 0))
			}
			textLines := diagnosticLine.FindAllStringSubmatch(text, -1)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != len(textLines) {
				t.Fatalf("%d annotation lines for %d diagnostics:\n%s", len(lines), len(textLines), out)
			}
			for i, line := range lines {
				m := githubLine.FindStringSubmatch(line)
				if m == nil {
					t.Errorf("not a workflow annotation: %q", line)
					continue
				}
				want := textLines[i]
				if !sameFlowFile(m[2], path) || m[3]+":"+m[4] != want[1] || m[1] != want[2] || m[5] != want[3] {
					t.Errorf("annotation %q does not match the text diagnostic %q", line, want[0])
				}
			}
			assertTerminalSafe(t, out)
		})
	}
	t.Run("a clean run prints nothing", func(t *testing.T) {
		code, out, _ := lint(t, "--format", "github")
		if code != exitOK || out != "" {
			t.Errorf("exit code %d, output %q; want 0 and nothing", code, out)
		}
	})
}

// Every code the linter can report has its section in docs/diagnostics.md, and turns up somewhere in
// the corpus, so a new code cannot slip in undocumented or untested.
func TestLintCodesAreDocumentedAndCovered(t *testing.T) {
	t.Chdir("../..")
	doc, err := os.ReadFile("docs/diagnostics.md")
	if err != nil {
		t.Fatal(err)
	}
	var wants strings.Builder
	for _, c := range lintCorpus {
		wants.WriteString(wantText(t, c.file))
	}
	for code := range diagnosticCodes(t) {
		if !bytes.Contains(doc, []byte("### `"+code+"`")) {
			t.Errorf("docs/diagnostics.md has no section \"### `%s`\"", code)
		}
		if !regexp.MustCompile(`(error|warning) ` + regexp.QuoteMeta(code) + `: `).MatchString(wants.String()) {
			t.Errorf("no case in testdata/lint shows the code %s", code)
		}
	}
}

// Each section of docs/diagnostics.md shows a bad flow, what lint prints for it, and the fixed flow.
// They are checked here, so the catalogue cannot drift from the linter.
func TestDiagnosticsDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/diagnostics.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := docSections(string(doc))
	known := diagnosticCodes(t)
	for code := range known {
		if _, ok := sections[code]; !ok {
			t.Errorf("docs/diagnostics.md has no section for %s", code)
		}
	}
	for _, code := range slices.Sorted(maps.Keys(sections)) {
		blocks := sections[code]
		t.Run(code, func(t *testing.T) {
			if !known[code] {
				t.Fatalf("docs/diagnostics.md explains %s, which flows/diag.go does not define", code)
			}
			// A yaml block (the bad flow), a text block (what lint prints), a yaml block (the fix). A yaml
			// block whose first line is "# NAME.yaml" is another file beside the flow (a translation).
			text := slices.IndexFunc(blocks, func(f fence) bool { return f.lang == "text" })
			if text < 1 || text == len(blocks)-1 || blocks[0].lang != "yaml" || blocks[text+1].lang != "yaml" {
				t.Fatalf("want a yaml block (bad), a text block (what lint prints) and a yaml block (fixed); got %v", blocks)
			}
			write := func(files []fence) {
				for _, f := range files {
					name := "my-flow.yaml"
					if m := extraFile.FindStringSubmatch(f.body); m != nil {
						name = m[1]
					}
					if err := os.WriteFile(name, []byte(f.body), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			t.Chdir(t.TempDir())
			write(blocks[:text])
			_, out, _ := lint(t, "my-flow.yaml")
			if out != blocks[text].body {
				t.Errorf("the bad example prints something else than the docs say:\n%s", lineDiff(blocks[text].body, out))
			}
			if !regexp.MustCompile(`(?m)^my-flow(\.[a-z]+)?\.yaml:\d+:\d+: (error|warning) ` + regexp.QuoteMeta(code) + `: `).MatchString(out) {
				t.Errorf("the bad example does not show %s:\n%s", code, out)
			}
			write(blocks[text+1:])
			if code, out, _ := lint(t, "my-flow.yaml"); code != exitOK || out != "No problems in 1 file.\n" {
				t.Errorf("the fixed example is not clean (exit code %d):\n%s", code, out)
			}
		})
	}
}

// extraFile marks a docs example that is a file beside the flow: its first line is "# NAME.yaml".
var extraFile = regexp.MustCompile(`^# ([a-z0-9.-]+\.yaml)\n`)

type fence struct{ lang, body string }

var (
	sectionHeading = regexp.MustCompile("^### `([a-z-]+)`")
	fenceLine      = regexp.MustCompile("^```([a-z]*)$")
)

// docSections returns the fenced blocks of each "### `code`" section, in order.
func docSections(doc string) map[string][]fence {
	out := map[string][]fence{}
	var code string
	var cur *fence
	var body strings.Builder
	for line := range strings.Lines(doc) {
		line = strings.TrimSuffix(line, "\n")
		if cur != nil {
			if line == "```" {
				cur.body = body.String()
				out[code] = append(out[code], *cur)
				cur = nil
				continue
			}
			body.WriteString(line + "\n")
			continue
		}
		if m := sectionHeading.FindStringSubmatch(line); m != nil {
			code = m[1]
			out[code] = nil
			continue
		}
		if strings.HasPrefix(line, "## ") {
			code = ""
			continue
		}
		if m := fenceLine.FindStringSubmatch(line); m != nil && code != "" {
			cur = &fence{lang: m[1]}
			body.Reset()
		}
	}
	return out
}

// diagnosticCodes reads the Code* constants from flows/diag.go, the one list of codes.
func diagnosticCodes(t *testing.T) map[string]bool {
	t.Helper()
	path := "../../flows/diag.go"
	if _, err := os.Stat(path); err != nil {
		path = "flows/diag.go" // already in the repository root
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Code") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					codes[s] = true
				}
			}
		}
	}
	if len(codes) < 19 {
		t.Fatalf("found %d codes in %s; the parse is wrong", len(codes), path)
	}
	return codes
}

// wantText is the expected text output for a corpus file (the test runs in the repository root).
func wantText(t *testing.T, file string) string {
	t.Helper()
	want, err := os.ReadFile("testdata/lint/" + strings.TrimSuffix(file, ".yaml") + ".want")
	if err != nil {
		t.Fatal(err)
	}
	return string(want)
}

// lint runs `unstuck lint ARGS...` in-process.
func lint(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	s, out, errOut := testStreams("")
	code = run(append([]string{"lint"}, args...), s)
	return code, out.String(), errOut.String()
}

var (
	diagnosticLine = regexp.MustCompile(`(?m)^[^ \n]+:(\d+:\d+): (error|warning) ([a-z-]+): `)
	verdictLine    = regexp.MustCompile(`(?m)^(\d+) errors? and (\d+) warnings? in \d+ files?\.$`)
)

func verdictCounts(t *testing.T, out string) (errs, warns int) {
	t.Helper()
	m := verdictLine.FindStringSubmatch(out)
	if m == nil {
		return 0, 0
	}
	errs, _ = strconv.Atoi(m[1])
	warns, _ = strconv.Atoi(m[2])
	if n := len(diagnosticLine.FindAllString(out, -1)); n != errs+warns {
		t.Errorf("the verdict counts %d errors and %d warnings, but %d diagnostics are printed", errs, warns, n)
	}
	return errs, warns
}

func boolCode(errors bool) int {
	if errors {
		return exitProblems
	}
	return exitOK
}

// assertTerminalSafe fails when output would do something to a terminal: no escape or other control
// characters, whatever the file held.
func assertTerminalSafe(t *testing.T, out string) {
	t.Helper()
	for i, r := range out {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Errorf("output holds the control character %U at byte %d: %q", r, i, out[max(0, i-20):min(len(out), i+20)])
			return
		}
	}
}

func assertOutput(t *testing.T, out, dir, want string) {
	t.Helper()
	if got := strings.ReplaceAll(out, dir, "$DIR"); got != want {
		t.Errorf("output differs:\n%s", lineDiff(want, got))
	}
}

// lineDiff shows want and got line by line, marking the lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			fmt.Fprintf(&b, "    %s\n", wl)
			continue
		}
		if i < len(w) {
			fmt.Fprintf(&b, "  - %s\n", wl)
		}
		if i < len(g) {
			fmt.Fprintf(&b, "  + %s\n", gl)
		}
	}
	return b.String()
}

// sameFlowFile reports whether a diagnostic's file is the flow linted or a translation beside it.
func sameFlowFile(got, flow string) bool {
	return got == flow || flows.IsTranslationFile(got) && strings.HasPrefix(got, strings.TrimSuffix(flow, ".yaml")+".")
}
