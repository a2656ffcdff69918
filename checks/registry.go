package checks

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Input is what a flow hands a check: its parameters, already filled in from the shopper's answers,
// and the clock.
type Input struct {
	Params map[string]string
	Now    time.Time
	// Deps carries what checks reach the outside with, so tests can inject fakes (a resolver and a
	// dialer pointed at loopback). Each check picks the value of its own type with Dep, and uses the
	// real thing when there is none; nil means the real thing for every check. A list of values, not a
	// field per check, keeps this package ignorant of any check's dependencies (and of the network).
	Deps []any
	// Progress, when set, hears about each part of a check as it finishes (each connectivity layer),
	// so a UI can show them one by one. Run calls it from the check's goroutine, one part at a time,
	// and never after Run has returned.
	Progress func(Result)
}

// Dep returns the first value in in.Deps of type T, and whether there was one.
func Dep[T any](in Input) (T, bool) {
	for _, d := range in.Deps {
		if v, ok := d.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// Param describes one parameter of a check, for the loader, the linter and the docs.
type Param struct {
	Name        string
	Required    bool
	Description string
}

// Spec is a named check that a flow's check node can run.
type Spec struct {
	Name        string
	Description string
	Params      []Param
	Outcomes    []string // every Outcome value Run can return; flows branch on these
	// Label names the check in plain words, for the summary ("Card number"); Texts say what each
	// outcome means for a shopper; PartLabels name the parts of a check that reports them one by
	// one (connectivity's layers). All in English: the catalogs translate them by their text.
	Label      string
	Texts      map[string]OutcomeText
	PartLabels map[string]string
	Network    bool // Run reaches the network: flow tests must pretend its result
	Run        func(ctx context.Context, in Input) Result

	// Timeout bounds one run of the check: Run (the runner) stops waiting for it after this long.
	// Zero means DefaultTimeout. A check with bounds of its own keeps them shorter than this.
	Timeout time.Duration
	// Parts names, in order, the parts the check reports through Input.Progress, so a front end can
	// show a row for each before it reports; empty for a check that reports no parts.
	Parts []string
}

// OutcomeText is what an outcome means for a shopper, in English: a sentence and, when there is
// one, the next step. The numbers a result carries stay in its technical line.
type OutcomeText struct {
	Summary string
	Next    string
	// Agent says the same for the support agent who reads the summary, in the third person ("The
	// shopper's card has expired."), without repeating what the summary's details already give.
	Agent string
}

var registry = map[string]Spec{}

// Register adds a check to the registry; it panics when the name is taken or Run is missing. Checks
// in this package register from init; a check in a sub-package (connectivity) registers from its own
// init, so the program holds it only where that package is imported.
func Register(s Spec) {
	if s.Name == "" || s.Run == nil {
		panic(fmt.Sprintf("checks: %q registered without a name or a Run", s.Name))
	}
	if _, dup := registry[s.Name]; dup {
		panic(fmt.Sprintf("checks: %q registered twice", s.Name))
	}
	registry[s.Name] = s
}

// Lookup returns the check called name.
func Lookup(name string) (Spec, bool) {
	s, ok := registry[name]
	return s, ok
}

// Names lists every registered check, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// HasParam reports whether the spec declares a parameter called name.
func (s Spec) HasParam(name string) bool {
	for _, p := range s.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

// HasOutcome reports whether the check can come out as outcome.
func (s Spec) HasOutcome(outcome string) bool {
	for _, o := range s.Outcomes {
		if o == outcome {
			return true
		}
	}
	return false
}
