package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// The rule for user-facing strings, checked on the Go syntax tree of the UI's files and of the
// summary's and transcript's (flows/summary/summary.go and transcript.go):
//
//  1. A string literal given to a translation call (t, tf, Word, Wordf, the summary's w, and the
//     help text of a key: WithHelp, SetHelp) is a key of the English catalog, or a check's text.
//  2. Any other string literal with words in it (two letters in a row, and a space or a capital,
//     once the format verbs are taken out) is a catalog key too, unless it is the text of an
//     error (fmt.Errorf, errors.New, an Error method: errors wrap the system's own, English, messages and reach the
//     screen inside a translated sentence), a time layout, or on allowed below with its reason.
//
// Lower-case single words without spaces ("enter", "ctrl+c", "esc") are key names and ids.
var (
	// The summary's words are in summary.go and transcript.go; its format*.go files name the
	// formats for the command line's help, which speaks English like the rest of cmd.
	scanned = []string{"*.go", "../flows/summary/summary.go", "../flows/summary/transcript.go", "../flows/session.go", "../flows/session/*.go"}
	// notScanned are whole files that speak English on purpose.
	notScanned = map[string]string{
		"watch.go": "the flow writer's watch mode speaks English, like lint, the schema and the flow format",
	}
	allowed = map[string]string{
		"internal error in check ":         "a result's technical line, for support staff, stays in English by design",
		"the summary format is %s, not %q": "an option's value for the command line, not shown by the UI",
		"XDG_STATE_HOME":                   "an environment variable's name",
		"HOME":                             "an environment variable's name",
		"the run was interrupted":          "an error value (errInterrupted) that ends the run; never printed",
		"unknown place":                    "a panic's location, in the technical report for support staff",
		// Reasons that go into an error made by save.go's fail (fmt.Errorf).
		"nothing is reading from this pipe":            "the reason inside an error (fail makes it with fmt.Errorf)",
		"it changed while it was opened":               "the reason inside an error (fail makes it with fmt.Errorf)",
		"nothing was taken from the pipe for %s":       "the reason inside an error (fail makes it with fmt.Errorf)",
		"what read the pipe went away":                 "the reason inside an error (fail makes it with fmt.Errorf)",
		"it is damaged, or not one of unstuck's files": "the reason inside a store notice (below)",
		// The session store's notices are made by a Store, which has no language: left for when
		// the sessions move into their own package (issue 11), which can hand it one.
		"The folder where unstuck saves progress (%s) could be opened by other users (mode %04o); it is now yours alone (0700).": "a store notice (no language in Store yet)",
		"A saved session (%s) could not be read, and could not be set aside either: %v.":                                         "a store notice (no language in Store yet)",
		"A saved session could not be read (%s), so it was set aside as %s.":                                                     "a store notice (no language in Store yet)",
	}
	translators = map[string]bool{"t": true, "tf": true, "Word": true, "Wordf": true, "w": true, "WithHelp": true, "SetHelp": true}
	hasWords    = regexp.MustCompile(`\p{L}\p{L}`)
	fmtVerbs    = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z]`)
	hexColour   = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

func catalogKeys(t *testing.T) map[string]bool {
	en := words.Load(words.Source)
	if en == nil {
		t.Fatal("no English catalog")
	}
	keys := map[string]bool{}
	for _, k := range en.Keys() {
		keys[k] = true
	}
	for _, name := range checks.Names() {
		s, _ := checks.Lookup(name)
		keys[s.Label] = true
		for _, tx := range s.Texts {
			keys[tx.Summary], keys[tx.Next] = true, true
		}
		for _, l := range s.PartLabels {
			keys[l] = true
		}
	}
	return keys
}

func TestEveryUserFacingStringIsInTheCatalog(t *testing.T) {
	keys := catalogKeys(t)
	var files []string
	for _, g := range scanned {
		m, _ := filepath.Glob(g)
		for _, f := range m {
			if !strings.HasSuffix(f, "_test.go") && notScanned[filepath.Base(f)] == "" {
				files = append(files, f)
			}
		}
	}
	fset := token.NewFileSet()
	checked, translated := 0, 0
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		skip := map[*ast.BasicLit]bool{}
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.FuncDecl:
				if x.Name.Name == "Error" && x.Recv != nil {
					return false // an error's text
				}
			case *ast.CallExpr:
				name := callName(x.Fun)
				if name == "Errorf" || name == "New" && isPkg(x.Fun, "errors") {
					ast.Inspect(x, func(m ast.Node) bool {
						if lit, ok := m.(*ast.BasicLit); ok {
							skip[lit] = true
						}
						return true
					})
				}
				if translators[name] {
					for _, a := range x.Args {
						lit, ok := a.(*ast.BasicLit)
						if !ok || lit.Kind != token.STRING {
							continue
						}
						s, _ := strconv.Unquote(lit.Value)
						skip[lit] = true
						if (name == "WithHelp" || name == "SetHelp") && a == x.Args[0] {
							continue // the key's name, as printed on keyboards
						}
						translated++
						if !keys[s] {
							t.Errorf("%s: %q is translated but is not in the catalog (flows/words/catalog/en.yaml)", fset.Position(lit.Pos()), s)
						}
					}
				}
			case *ast.BasicLit:
				if x.Kind != token.STRING || skip[x] {
					return true
				}
				s, _ := strconv.Unquote(x.Value)
				bare := fmtVerbs.ReplaceAllString(s, "")
				if !hasWords.MatchString(bare) || !strings.Contains(bare, " ") && strings.ToLower(bare) == bare ||
					hexColour.MatchString(s) || strings.Contains(s, "2006") || strings.Contains(s, "15:04") {
					return true
				}
				checked++
				if !keys[s] && allowed[s] == "" {
					t.Errorf("%s: %q reaches the user but is not in the catalog: put it there (with its translations) and translate it, or allow it here with a reason", fset.Position(x.Pos()), s)
				}
			}
			return true
		})
	}
	if translated < 100 || checked < 25 {
		t.Errorf("found only %d translated strings and %d other strings with words; the rule is out of date", translated, checked)
	}
}

func callName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func isPkg(fun ast.Expr, pkg string) bool {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}
