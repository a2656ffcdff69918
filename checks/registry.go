package checks

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Input is what a flow hands a check: its parameters, already filled in from the shopper's answers,
// and the clock. Network checks also get their dependencies through Net, so tests can inject them.
type Input struct {
	Params map[string]string
	Now    time.Time
	Net    *NetDeps // nil means the real network
	// Progress, when set, hears about each part of a check as it finishes (each connectivity layer),
	// so a UI can show them one by one. It is called from the check's goroutine.
	Progress func(Result)
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
}

// OutcomeText is what an outcome means for a shopper, in English: a sentence and, when there is
// one, the next step. The numbers a result carries stay in its technical line.
type OutcomeText struct {
	Summary string
	Next    string
}

var registry = map[string]Spec{}

func register(s Spec) {
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
