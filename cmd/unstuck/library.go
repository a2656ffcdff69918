package main

import (
	"path/filepath"
	"slices"

	"fmt"

	"github.com/unstuck-dev/unstuck/flows/config"
	"github.com/unstuck-dev/unstuck/flows/session"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/catalog"
	"github.com/unstuck-dev/unstuck/tui"
)

// libraryFlags are the global flags that say where flows are found, and the library they give,
// opened once per run: every command sees the same one.
type libraryFlags struct {
	folders   []string
	noBuiltin bool
	opened    *catalog.Library
	settings  *config.Settings // the team's settings alone, read before (or without) the library
}

func addLibraryFlags(root *cobra.Command, lf *libraryFlags) {
	root.PersistentFlags().StringArrayVar(&lf.folders, "flows", nil, "a folder of flows to add to the library, overriding flows of the same id (repeat for more; also UNSTUCK_FLOWS)")
	root.PersistentFlags().BoolVar(&lf.noBuiltin, "no-builtin", false, "leave the built-in flows out of the library")
}

// library is the merged library of flows (catalog.Open): built-in, the data folders, UNSTUCK_FLOWS
// and --flows, with the team's settings. Opened on first use, with the streams' environment. A
// built-in flow is read when it is first needed: unstuck run ID reads that flow alone, and the
// menu and unstuck list none.
func library(s streams) *catalog.Library {
	lf := s.lib
	if lf == nil {
		lf = &libraryFlags{}
	}
	if lf.opened == nil {
		lf.opened, _ = catalog.Open(lf.options(s))
	}
	return lf.opened
}

func (lf *libraryFlags) options(s streams) catalog.Options {
	return catalog.Options{
		Getenv:    func(k string) string { return getenv(s, k) },
		Folders:   lf.folders,
		NoBuiltin: lf.noBuiltin,
	}
}

// configLanguage is the language the team's config asks for, matched to one unstuck speaks.
func configLanguage(s streams) string {
	if s.lib == nil {
		return "" // before the command line is read: nothing says where the library is yet
	}
	if s.lib.settings == nil {
		if s.lib.opened != nil {
			s.lib.settings = &s.lib.opened.Settings
		} else {
			settings, _ := catalog.OpenSettings(s.lib.options(s)) // problems are said where the library is opened
			s.lib.settings = &settings
		}
	}
	l := s.lib.settings.Language
	if l == "" {
		return ""
	}
	if m, ok := flows.MatchLanguage(l); ok {
		return m
	}
	return flows.NormalizeLang(l)
}

// libraryNotices are what the menu says about the library: flows that could not be loaded, and a
// config file that does not load, in the UI's language.
func libraryNotices(lib *catalog.Library, lang string) []string {
	var out []string
	switch n := len(lib.Problems); {
	case n == 1:
		out = append(out, flows.Wordf(lang, "One flow could not be loaded: %s (unstuck list shows it).", lib.Problems[0].First()))
	case n > 1:
		out = append(out, flows.Wordf(lang, "%d flows could not be loaded; unstuck list shows which and why.", n))
	}
	if lib.ConfigProblems.HasErrors() {
		out = append(out, flows.Wordf(lang, "A config file could not be read, so its settings are not used: %s", firstError(lib.ConfigProblems)))
	}
	return out
}

// sayConfigProblems prints what is wrong with the config files on standard error, once.
func sayConfigProblems(s streams, lib *catalog.Library) {
	if len(lib.ConfigProblems) > 0 {
		fmt.Fprintln(s.ErrOut, flows.ScrubCardNumbers(lib.ConfigProblems.Error()))
	}
}

func firstError(diags flows.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == flows.SeverityError {
			return flows.ScrubCardNumbers(fmt.Sprintf("%s:%d:%d: %s", d.Path, d.Pos.Line, d.Pos.Col, d.Message))
		}
	}
	return ""
}

// menuFlows are the library's flows as the menu offers them: by their headings, each read when it
// is opened, with where a flow that is not built in comes from.
func menuFlows(cat *catalog.Library) []tui.MenuFlow {
	out := make([]tui.MenuFlow, len(cat.Entries))
	for i := range cat.Entries {
		e := &cat.Entries[i]
		out[i] = tui.MenuFlow{Heading: e.Heading, Load: e.Flow}
		if e.Source.Via != catalog.ViaBuiltin {
			out[i].From = e.Source.String()
		}
	}
	return out
}

// resumedFlow is the library's flow a saved session was walking: the same id, from the same file
// (or built in); nil when the library has no such flow any more.
func resumedFlow(cat *catalog.Library, sv *session.Saved) *flows.Flow {
	e := cat.Find(sv.Snap.FlowID)
	if e == nil {
		return nil
	}
	builtin := e.Source.Via == catalog.ViaBuiltin
	if (sv.Snap.FlowPath == "") != builtin {
		return nil
	}
	if !builtin {
		if abs, err := filepath.Abs(e.Path); err != nil || abs != sv.Snap.FlowPath {
			return nil
		}
	}
	return e.Flow()
}

// staffDefaults fills in, in staff mode, what the team's config sets and the command line does not.
func (opts *runOptions) staffDefaults(cat *catalog.Library) {
	if !opts.staff {
		return
	}
	if opts.summaryLang == "" {
		opts.summaryLang = cat.Settings.Staff.SummaryLang
	}
	if opts.saveDir == "" {
		opts.saveDir = cat.Settings.Staff.SaveDir
	}
}

// sessionFlow finds the flow of a saved run in the library, as resume does.
func sessionFlow(cat *catalog.Library) func(*session.Saved) (*flows.Flow, error) {
	return func(sv *session.Saved) (*flows.Flow, error) {
		if f := resumedFlow(cat, sv); f != nil {
			return f, nil
		}
		f, err := sv.Flow()
		return cat.Place(f), err
	}
}

// hasBuiltin reports whether the library has the built-in flows (not --no-builtin).
func hasBuiltin(cat *catalog.Library) bool {
	return slices.Contains(cat.Sources, catalog.Source{Via: catalog.ViaBuiltin})
}
