package flows

import (
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// KindCheck runs a local check and branches on its outcome.
const KindCheck Kind = "check"

func init() { registerKind(40, checkKind{}) }

type checkKind struct{}

func (checkKind) Kind() Kind    { return KindCheck }
func (checkKind) About() string { return "runs a local check and branches on its outcome" }

func (checkKind) Keys() KeyRules {
	return KeyRules{
		Forbid:  []string{"options", "input", "outcome", "advice", "question", "result", "part"},
		Require: []string{"check"},
		AnyOf:   [][]string{{"next", "branches"}},
	}
}

func (checkKind) Example() map[string]string {
	return map[string]string{"kind": "check", "check": "card", "with": `{number: "4242"}`, "next": "done"}
}

func (checkKind) Traits() KindTraits { return KindTraits{Automatic: true} }

func (checkKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"{{", "}}"}, Class: "check", Dot: []string{"shape=hexagon"}, Fill: "#e8f0fe"}
}

func (checkKind) Detail(n *Node) string {
	if n.Check == "" {
		return ""
	}
	return "check: " + ShortLine(n.Check, 30)
}

func (checkKind) validate(v *validator, n *Node) bool {
	v.check(n)
	return false
}

// answer refuses a typed answer: a check's result comes from WithResult.
func (checkKind) answer(s State, _ *Node, _ string, _ time.Time) (State, error) {
	return s, ErrNotAnswerable
}

// moves pretend every outcome of the check with every status.
func (checkKind) Moves(n *Node, _ []string) []Move {
	var out []Move
	if spec, ok := checks.Lookup(n.Check); ok {
		for _, o := range spec.Outcomes {
			for _, status := range []checks.Status{checks.StatusProblem, checks.StatusOK, checks.StatusWarning, checks.StatusSkipped} {
				r := checks.Result{Name: n.Check, Outcome: o, Status: status}
				out = append(out, Move{Node: n.ID, Result: &r})
			}
		}
	}
	return out
}

func (checkKind) ask(_ State, n *Node, p *Prompt) { p.Check = &PromptCheck{Name: n.Check} }

// PendingCheck returns the check to run when the current node is a check node.
func (s State) PendingCheck() (CheckRequest, bool) {
	n := s.Node()
	if n.Kind != KindCheck {
		return CheckRequest{}, false
	}
	params := make(map[string]string, len(n.With))
	for k, v := range n.With {
		params[k] = expand(v, func(name string) (string, bool) { return s.lookup(name, true) })
	}
	return CheckRequest{Node: n.ID, Check: n.Check, Params: params}, true
}

// WithResult feeds the result of the pending check and moves on.
func (s State) WithResult(r checks.Result, now time.Time) (State, error) {
	n := s.Node()
	if n.Kind != KindCheck {
		return s, ErrNotAnswerable
	}
	return s.leave(n, Step{Node: n.ID, Option: -1, Result: &r, At: s.current().At}, now)
}

func (v *validator) check(n *Node) {
	if n.Check == "" {
		v.errorf(v.at(n), CodeMissingField, "add `check:` with one of "+strings.Join(checks.Names(), ", "), "check node %q does not name a check", n.ID)
		return
	}
	spec, ok := checks.Lookup(n.Check)
	if !ok {
		v.errorf(v.keyAt(n, "check"), CodeUnknownCheck, suggest(n.Check, checks.Names()), "there is no check called %q; the checks are %s", clip(n.Check), strings.Join(checks.Names(), ", "))
		return
	}
	names := make([]string, len(spec.Params))
	for i, p := range spec.Params {
		names[i] = p.Name
	}
	takes := paramList(spec.Params)
	for _, p := range spec.Params {
		if _, given := n.With[p.Name]; p.Required && !given {
			v.errorf(v.keyAt(n, "with"), CodeCheckParam, fmt.Sprintf("add `%s:` under `with:` (%s)", p.Name, p.Description), "the %s check of node %q needs %q; it takes %s", n.Check, n.ID, p.Name, takes)
		}
	}
	for k, val := range n.With {
		if !spec.HasParam(k) {
			v.errorf(v.keyIn(v.keyAt(n, "with"), k), CodeCheckParam, suggest(k, names), "the %s check has no parameter %q; it takes %s", n.Check, clip(k), takes)
		}
		for _, ref := range References(val) {
			v.reference(v.refAt(v.keyAt(n, "with"), ref), n, ref, true)
		}
	}
	if n.Next == "" && len(n.Branch) == 0 {
		v.errorf(v.at(n), CodeDeadEnd, "add `branches:` on the check's outcomes ("+strings.Join(spec.Outcomes, ", ")+")", "check node %q has no way out", n.ID)
	}
}

// paramList names a check's parameters for a message: "number (required), expiry".
func paramList(params []checks.Param) string {
	if len(params) == 0 {
		return "no parameters"
	}
	out := make([]string, len(params))
	for i, p := range params {
		out[i] = p.Name
		if p.Required {
			out[i] += " (required)"
		}
	}
	return strings.Join(out, ", ")
}
