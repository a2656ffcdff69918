package author

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/saferead"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// A flow test file (name.test.yaml) holds cases a writer can write without code: answers to give,
// check results to pretend, and what to expect.

// TestFile is a file of flow tests.
type TestFile struct {
	Flow  string               `yaml:"flow,required" desc:"The flow under test: a built-in flow's id, or a path relative to this file." shape:"flow: should be a built-in flow's id or a path to the flow file, e.g. flow: payment-fails or flow: my-flow.yaml"`
	Now   string               `yaml:"now" desc:"The date (2026-01-31) or time (RFC 3339) the tests pretend it is, so expiry checks stay stable. Default: the real time." shape:"now: should be a date or an RFC 3339 time, e.g. now: 2026-01-31"`
	Cases []*TestCase          `yaml:"cases,required" desc:"The test cases."`
	Pos   flows.Pos            `yaml:"-"`
	Keys  map[string]flows.Pos `yaml:"-"`
	Path  string               `yaml:"-"`
}

// TestCase is one walk through a flow.
type TestCase struct {
	Name    string               `yaml:"name,required" desc:"What the case shows, as a sentence." shape:"name: should be what the case shows, as a sentence, e.g. name: a declined card leads to the bank"`
	Answers map[string][]string  `yaml:"answers" desc:"Answers by node id: an option's value, label or number, or the typed answer. A list gives the answers for repeated visits in turn. Messages continue by themselves." shape:"answers: should be a map of node id to answer, e.g. answers: { store: Example Shoes, amount: \"120.50\", order-number: \"\" }; \"\" skips an optional answer, and a list [first, second] answers a node asked more than once"`
	Checks  map[string]string    `yaml:"checks" desc:"Check results to pretend, by check node id: the outcome (e.g. luhn_failed). ok is status ok, skipped is skipped, anything else a problem; write outcome:warning for a warning. Checks that need the network must be pretended." shape:"checks: should be a map of check node id to outcome, e.g. checks: { card-check: luhn_failed, connection-check: \"slow:warning\" }"`
	Staff   bool                 `yaml:"staff" desc:"true: walk the flow in staff mode (unstuck run --staff), so steps with audience: staff are shown and steps with audience: shopper are passed. Default false: as a shopper." shape:"staff: should be true or false, e.g. staff: true"`
	Expect  Expect               `yaml:"expect" desc:"What must happen."`
	Pos     flows.Pos            `yaml:"-"`
	Keys    map[string]flows.Pos `yaml:"-"`

	noSummary bool // the caller makes the summary itself (AnswersFile.Walk): the result has none
}

// Expect is what a case requires of the walk.
type Expect struct {
	End             string               `yaml:"end" desc:"The id of the end node the walk must reach." shape:"end: should be the id of an end node, e.g. end: contact-bank"`
	Outcome         string               `yaml:"outcome" desc:"The outcome of the end node reached." shape:"outcome: should be the outcome of an end node, e.g. outcome: solved"`
	Path            []string             `yaml:"path" desc:"The exact node ids the walk must visit, in order." shape:"path: should be a list of node ids, e.g. path: [start, amount, done]"`
	SummaryContains []string             `yaml:"summary_contains" desc:"Lines or words the summary must contain." shape:"summary_contains: should be a list of texts, e.g. summary_contains: [\"Store: Example Shoes\"]"`
	SummaryExcludes []string             `yaml:"summary_excludes" desc:"Text the summary must not contain (e.g. the full card number)." shape:"summary_excludes: should be a list of texts, e.g. summary_excludes: [\"4242 4242\"]"`
	Refused         []string             `yaml:"refused" desc:"Input nodes where an answer must be refused at the field, so the shopper is asked again there (a mistyped card number): give that node's answers as a list, the refused one first. The message must not repeat what was typed." shape:"refused: should be a list of input node ids, e.g. refused: [card-number]"`
	Pos             flows.Pos            `yaml:"-"`
	Keys            map[string]flows.Pos `yaml:"-"`
}

// ParseTestFile decodes a flow test file strictly, as flows are.
func ParseTestFile(path string, data []byte) (*TestFile, flows.Diagnostics) {
	tf := &TestFile{Path: path}
	diags := flows.DecodeFile(path, data, tf, "the test file", false, func(doc flows.Pos) flows.Diagnostics { return badNow(path, doc, tf.Now) })
	if diags.HasErrors() {
		return nil, diags
	}
	return tf, diags
}

// badNow is the problem with a file's now: when it is not a date or a time.
func badNow(path string, doc flows.Pos, now string) flows.Diagnostics {
	if now == "" {
		return nil
	}
	if _, err := (&TestFile{Now: now}).Time(); err != nil {
		return flows.Diagnostics{{Path: path, Pos: doc, Severity: flows.SeverityError, Code: flows.CodeBadValue,
			Message: fmt.Sprintf("now: %v", err), Hint: "write a date like 2026-01-31"}}
	}
	return nil
}

// LoadTestFile reads and decodes a flow test file.
func LoadTestFile(path string) (*TestFile, flows.Diagnostics) {
	data, diags := files.ReadFlowFile(path)
	if diags != nil {
		return nil, diags
	}
	return ParseTestFile(path, data)
}

// Time is the moment the tests pretend it is.
func (tf *TestFile) Time() (time.Time, error) {
	if tf.Now == "" {
		return time.Now(), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, tf.Now); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (2026-01-31) or an RFC 3339 time", flows.Clip(tf.Now))
}

// ResolveFlow finds the flow a test file is about: a built-in id, or a path relative to the file.
func (tf *TestFile) ResolveFlow() (*flows.Flow, flows.Diagnostics) {
	lib, _ := flows.Library()
	for _, f := range lib {
		if f.ID == tf.Flow {
			return f, nil
		}
	}
	p := tf.Flow
	if !filepath.IsAbs(p) && tf.Path != "" {
		p = filepath.Join(filepath.Dir(tf.Path), p)
	}
	if _, err := os.Stat(p); err != nil {
		return files.Find(tf.Flow)
	}
	return files.LoadFile(p)
}

// CheckRunner produces a check's result when a case does not pretend it.
type CheckRunner func(req flows.CheckRequest, now time.Time) (checks.Result, error)

// LocalChecks runs checks that need no network for real, and refuses the rest: a flow test never
// reaches the network.
func LocalChecks(req flows.CheckRequest, now time.Time) (checks.Result, error) {
	return RealChecks(context.Background(), true)(req, now)
}

// RealChecks runs checks for real through the one runner (checks.Run: the check's timeout, panics
// and parts), under ctx, so the caller's cancel stops a running check. With localOnly, a check that
// needs the network is refused instead.
func RealChecks(ctx context.Context, localOnly bool) CheckRunner {
	return func(req flows.CheckRequest, now time.Time) (checks.Result, error) {
		spec, ok := checks.Lookup(req.Check)
		if !ok {
			return checks.Result{}, fmt.Errorf("there is no check called %q", req.Check)
		}
		if localOnly && spec.Network {
			return checks.Result{}, fmt.Errorf("node %q runs the %s check, which needs the network: pretend its result under `checks:`", req.Node, req.Check)
		}
		return checks.Run(ctx, spec, checks.Input{Params: req.Params, Now: now}), nil
	}
}

// Pretend turns a pretended outcome ("luhn_failed", "slow:warning") into a result.
func Pretend(check, spec string) checks.Result {
	outcome, status, _ := strings.Cut(spec, ":")
	r := checks.Result{Name: check, Outcome: outcome, Summary: "(pretended in a flow test)", Detail: "pretended outcome " + outcome}
	switch {
	case status != "":
		r.Status = checks.Status(status)
	case outcome == "ok":
		r.Status = checks.StatusOK
	case outcome == "skipped":
		r.Status = checks.StatusSkipped
	default:
		r.Status = checks.StatusProblem
	}
	return r
}

// CaseResult is how one case went.
type CaseResult struct {
	Name    string
	Pos     flows.Pos
	Failure string   // empty when the case passed
	Path    []string // the node ids visited
	Edges   []EdgeUse
	Summary string
	Final   *flows.State // the walk at its end, when it got there
}

// Passed reports whether the case met every expectation.
func (r CaseResult) Passed() bool { return r.Failure == "" }

// EdgeUse records that a walk left a node by an edge.
type EdgeUse struct {
	Node string
	Via  flows.Edge
}

// RunCase walks the flow with the case's answers, as a shopper or (staff: true) as support staff, and
// compares what happened with what it expects.
func RunCase(f *flows.Flow, c *TestCase, now time.Time, run CheckRunner) CaseResult {
	audience := flows.AudienceShopper
	if c.Staff {
		audience = flows.AudienceStaff
	}
	return RunCaseAs(f, c, now, run, audience, "")
}

// RunCaseAs is RunCase for an audience (shopper or staff) and a support case's id.
func RunCaseAs(f *flows.Flow, c *TestCase, now time.Time, run CheckRunner, audience, caseID string) (res CaseResult) {
	res = CaseResult{Name: c.Name, Pos: c.Pos}
	defer func() {
		if p := recover(); p != nil {
			res.Failure = fmt.Sprintf("the engine failed at node %q: %v", lastOf(res.Path), p)
		}
	}()
	if run == nil {
		run = LocalChecks
	}
	for id := range c.Answers {
		if f.Node(id) == nil {
			res.Pos = keyPos(c.Keys, "answers."+id, keyPos(c.Keys, "answers", res.Pos))
			return fail(res, "answers name node %q, which the flow does not have%s", id, hintOf(suggestNodeIn(f, id)))
		}
	}
	if msg := badPretend(f, c.Checks); msg != "" {
		res.Pos = keyPos(c.Keys, "checks", res.Pos)
		return fail(res, "%s", msg)
	}
	used := map[string]int{}
	refused := map[string]bool{}
	st := flows.StartAs(f, now, audience).WithCaseID(caseID)
	res = passedThrough(res, f, st.Steps(), 0)
	for !st.Done() {
		n := st.Node()
		res.Path = append(res.Path, n.ID)
		if len(res.Path) > flows.MaxSteps {
			return fail(res, "the walk never ends: it went round more than %d steps", flows.MaxSteps)
		}
		var next flows.State
		var err error
		switch t := n.Def().Traits(); {
		case t.Reads:
			next, err = st.Continue(now)
		case t.Automatic:
			req, _ := st.PendingCheck()
			var r checks.Result
			if spec, ok := c.Checks[n.ID]; ok {
				r = Pretend(n.Check, spec)
			} else if r, err = run(req, now); err != nil {
				return fail(res, "step %d: %v", len(res.Path), err)
			}
			next, err = st.WithResult(r, now)
		default:
			list, ok := c.Answers[n.ID]
			if !ok || used[n.ID] >= len(list) {
				q := flows.Sanitize(n.Text)
				if r := []rune(q); len(r) > 60 {
					q = string(r[:60]) + "…"
				}
				return fail(res, "step %d: no answer for node %q (%q)", len(res.Path), n.ID, strings.TrimSpace(q))
			}
			answer := list[used[n.ID]]
			used[n.ID]++
			next, err = st.Answer(answer, now)
			if err != nil && slices.Contains(c.Expect.Refused, n.ID) {
				if leak := refusalLeak(answer, err.Error()); leak != "" {
					return fail(res, "step %d: the message refusing the answer for node %q repeats %s", len(res.Path), n.ID, leak)
				}
				refused[n.ID] = true
				res.Path = res.Path[:len(res.Path)-1] // asked again at the same step
				continue
			}
			if err != nil {
				return fail(res, "step %d: the answer for node %q was refused: %v", len(res.Path), n.ID, err)
			}
		}
		if err != nil {
			return fail(res, "step %d at node %q: %v", len(res.Path), n.ID, err)
		}
		steps := next.Steps()
		res.Edges = append(res.Edges, EdgeUse{Node: n.ID, Via: steps[len(st.Steps())-1].Via})
		res = passedThrough(res, f, steps, len(st.Steps()))
		st = next
	}
	for _, id := range c.Expect.Refused {
		if !refused[id] {
			return fail(res, "no answer for node %q was refused, but the case expects one to be", id)
		}
	}
	end := st.Node()
	res.Path = append(res.Path, end.ID)
	if !c.noSummary {
		res.Summary = summary.Of(st).Text()
	}
	res.Final = &st
	return expectations(res, c.Expect, end)
}

// expectations compares a finished walk with what its case expects.
func expectations(res CaseResult, e Expect, end *flows.Node) CaseResult {
	if len(e.Path) > 0 {
		for i := 0; i < max(len(e.Path), len(res.Path)); i++ {
			want, got := at(e.Path, i), at(res.Path, i)
			if want != got {
				return fail(res, "step %d: the path went to %s, expected %s", i+1, orEnd(got), orEnd(want))
			}
		}
	}
	if e.End != "" && end.ID != e.End {
		return fail(res, "the walk ended at %q, expected %q (path: %s)", end.ID, e.End, strings.Join(res.Path, " → "))
	}
	if e.Outcome != "" && end.Outcome != e.Outcome {
		return fail(res, "the outcome was %q, expected %q", end.Outcome, e.Outcome)
	}
	// Lines of the text summary are folded for chat boxes; compare with the folds undone.
	flat := strings.Join(strings.Fields(res.Summary), " ")
	for _, want := range e.SummaryContains {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
			return fail(res, "the summary does not contain %q", want)
		}
	}
	for _, bad := range e.SummaryExcludes {
		if strings.Contains(res.Summary, bad) || strings.Contains(flat, strings.Join(strings.Fields(bad), " ")) {
			return fail(res, "the summary contains %q, which it must not", bad)
		}
	}
	return res
}

// keyPos is where the value of key stands in a case or answers file, for a failure about it; else
// the case's own place.
func keyPos(keys map[string]flows.Pos, key string, or flows.Pos) flows.Pos {
	if p, ok := keys[key]; ok && p.Line > 0 {
		return p
	}
	return or
}

func fail(res CaseResult, format string, args ...any) CaseResult {
	res.Failure = fmt.Sprintf(format, args...)
	return res
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

func orEnd(id string) string {
	if id == "" {
		return "(the end of the walk)"
	}
	return strconv.Quote(id)
}

func lastOf(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[len(list)-1]
}

func hintOf(h string) string {
	if h == "" {
		return ""
	}
	return " (" + h + ")"
}

func suggestNodeIn(f *flows.Flow, id string) string {
	ids := make([]string, len(f.Nodes))
	for i, n := range f.Nodes {
		ids[i] = n.ID
	}
	return flows.Suggest(id, ids)
}

// Uncovered is a node or a way out that no case used.
type Uncovered struct {
	Pos     flows.Pos
	Message string
}

// Coverage lists the nodes and ways out of nodes (options, branches, next) that no case used.
func Coverage(f *flows.Flow, results []CaseResult) []Uncovered {
	visited := map[string]bool{}
	used := map[EdgeUse]bool{}
	for _, r := range results {
		for _, id := range r.Path {
			visited[id] = true
		}
		for _, e := range r.Edges {
			used[e] = true
		}
	}
	var out []Uncovered
	for _, n := range f.Nodes {
		if !visited[n.ID] {
			msg := fmt.Sprintf("node %q is never reached", n.ID)
			if n.Audience == flows.AudienceStaff {
				msg += " (it is for staff: add a case with `staff: true`)"
			}
			out = append(out, Uncovered{f.IDPos(n), msg})
			continue
		}
		for i, o := range n.Options {
			if o.Goto != "" && !used[EdgeUse{n.ID, flows.Edge{Kind: "option", Index: i}}] {
				out = append(out, Uncovered{f.SourcePos(o, ""), fmt.Sprintf("option %q of node %q is never picked", flows.Sanitize(o.Label), n.ID)})
			}
		}
		for i, b := range n.Branch {
			if !used[EdgeUse{n.ID, flows.Edge{Kind: "branch", Index: i}}] {
				out = append(out, Uncovered{f.SourcePos(b, ""), fmt.Sprintf("branch %d of node %q (to %q) is never taken", i+1, n.ID, b.Goto)})
			}
		}
		if n.Next != "" && !used[EdgeUse{n.ID, flows.Edge{Kind: "next", Index: 0}}] && needsNext(n) {
			out = append(out, Uncovered{f.SourcePos(n, "next"), fmt.Sprintf("the next of node %q is never taken", n.ID)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Line < out[j].Pos.Line })
	return out
}

// needsNext reports whether next can be taken at all: not when every option has its own goto or a
// fallback branch comes first.
func needsNext(n *flows.Node) bool {
	if len(n.Branch) > 0 && n.Branch[len(n.Branch)-1].When == nil {
		return false
	}
	if n.Def().Traits().Picks {
		for _, o := range n.Options {
			if o.Goto == "" {
				return true
			}
		}
		return false
	}
	return true
}

// AnswersFile prepares a walk without a terminal: answers by node id, pretended check results, and
// the moment to pretend it is. Its keys are a flow test case's, without the expectations.
type AnswersFile struct {
	Now     string               `yaml:"now" desc:"The date or time to pretend it is. Default: the real time." shape:"now: should be a date or an RFC 3339 time, e.g. now: 2026-01-31"`
	Answers map[string][]string  `yaml:"answers" desc:"Answers by node id, as in flow tests: an option's value, label or number, or the typed answer; \"\" skips an optional answer; a list gives the answers for repeated visits in turn. Messages continue by themselves." shape:"answers: should be a map of node id to answer, e.g. answers: { store: Example Shoes, amount: \"120.50\", order-number: \"\" }; \"\" skips an optional answer, and a list [first, second] answers a node asked more than once"`
	Checks  map[string]string    `yaml:"checks" desc:"Check results to pretend, by check node id, as in flow tests; other checks run for real." shape:"checks: should be a map of check node id to outcome, e.g. checks: { connection-check: skipped }"`
	Keys    map[string]flows.Pos `yaml:"-"` // where each key's value stands, for a failure's line
}

// AnswersWait is how long an answers file that is a pipe may keep silent before it is given up.
const AnswersWait = 5 * time.Second

// ReadAnswersFile reads a file of answers for `unstuck run --answers` with the loader's limits. It
// takes a pipe as well as a regular file (--answers <(…), a named pipe), but gives up on one that
// sends nothing for AnswersWait; ctx ends the wait sooner. Devices and folders are refused.
func ReadAnswersFile(ctx context.Context, path string) ([]byte, error) {
	return saferead.ReadFileOrPipe(ctx, path, flows.MaxFileSize, AnswersWait)
}

// LoadAnswersFile reads and decodes a file of answers; a file that cannot be read is a diagnostic.
func LoadAnswersFile(path string) (*AnswersFile, flows.Diagnostics) {
	data, err := ReadAnswersFile(context.Background(), path)
	if err != nil {
		return nil, files.ReadDiagnostic(path, err)
	}
	return ParseAnswersFile(path, data)
}

// ParseAnswersFile decodes a file of answers read with ReadAnswersFile. The answers may stand under
// `answers:` or, in a file without that key, at the top beside now: and checks: (bareAnswers).
func ParseAnswersFile(path string, data []byte) (*AnswersFile, flows.Diagnostics) {
	af := &AnswersFile{}
	var diags flows.Diagnostics
	diags = flows.DecodeSmallFile(path, data, af, flows.SmallFile{What: "the answers file", EmptyOK: true, Rewrite: bareAnswers,
		Check: func(doc flows.Pos) flows.Diagnostics { return badNow(path, doc, af.Now) }})
	if diags.HasErrors() {
		return nil, diags
	}
	return af, diags
}

// Run walks the flow with the file's answers; checks not pretended run through run. It returns the
// summary, or why the walk could not finish.
func (af *AnswersFile) Run(f *flows.Flow, run CheckRunner) (CaseResult, time.Time) {
	return af.RunAs(f, flows.AudienceShopper, "", run)
}

// RunAs is Run for an audience (shopper or staff) and a support case's id.
func (af *AnswersFile) RunAs(f *flows.Flow, audience, caseID string, run CheckRunner) (CaseResult, time.Time) {
	now, _ := (&TestFile{Now: af.Now}).Time()
	c := &TestCase{Name: "answers", Answers: af.Answers, Checks: af.Checks, Keys: af.Keys}
	return RunCaseAs(f, c, now, run, audience, caseID), now
}

// refusalLeak names what a refusal's message repeats of the refused answer: its digits (four or
// more in a row, as typed or run together), or "" when it repeats none.
func refusalLeak(answer, message string) string {
	digits := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	typed, said := digits(answer), digits(message)
	for i := 0; i+4 <= len(typed); i++ {
		if strings.Contains(said, typed[i:i+4]) {
			return "digits of it"
		}
	}
	return ""
}
