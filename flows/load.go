package flows

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/unstuck-dev/unstuck/checks"
)

// MaxFileSize bounds what the loader reads; a flow is a few kilobytes, a huge generated one a few MB.
const MaxFileSize = 32 << 20

// LoadFS reads name from fsys and parses it; shown is the path used in diagnostics.
func LoadFS(fsys fs.FS, name, shown string) (*Flow, Diagnostics) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, Diagnostics{{Path: shown, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "cannot read the file: " + plainErr(err)}}
	}
	return Parse(shown, data)
}

// plainErr drops the path Go puts in file errors, which the diagnostic already shows.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var yamlLine = lazyRegexpOf(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse decodes and checks a flow. It returns the flow only when there are no errors; warnings may
// come with a flow. It never panics, whatever the bytes.
// A call step may run the built-in library's shared parts (BuiltinParts); ParseWith names others.
func Parse(path string, data []byte) (flow *Flow, diags Diagnostics) {
	return parse(path, data, nil, BuiltinParts())
}

// ParseWith is Parse for a flow of a library whose parts files hold shared (nil: none).
func ParseWith(path string, data []byte, shared *SharedParts) (flow *Flow, diags Diagnostics) {
	return parse(path, data, nil, shared)
}

// parse is Parse, with the texts of a translation put in before the flow's parts are copied out,
// and the shared parts a call step may run when the flow's own parts do not have its part.
func parse(path string, data []byte, tr *Translation, shared *SharedParts) (flow *Flow, diags Diagnostics) {
	return parseFlow(path, data, tr, shared, false)
}

// parseFlow is parse; a trusted flow (a built-in one, with the built-in parts: builtin_trusted_test.go)
// skips the checks that only look for a writer's mistakes (its texts, its steps, its ways to an
// end), which the tests run on every built-in flow in every language instead.
func parseFlow(path string, data []byte, tr *Translation, shared *SharedParts, trusted bool) (flow *Flow, diags Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			flow = nil
			diags = append(diags, Diagnostic{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax,
				Message: "the file could not be read as a flow (the YAML reader gave up on it)"})
		}
	}()
	pace := paceForBigFile(len(data))
	defer pace.done()
	read := readYAML
	if trusted {
		read = readTrustedYAML
	}
	doc, diags := read(path, data)
	if diags != nil {
		return nil, diags
	}
	release := !bytes.ContainsRune(data, '*')
	pace.parsed(release)
	var controls, limits Diagnostics
	if !trusted {
		controls, limits = checkTexts(path, doc) // before the decoder lets the YAML go
	}
	flow, pos, diags := decodeFlowReleasing(path, doc, release)
	if slices.ContainsFunc(diags, func(d Diagnostic) bool { return d.Code == CodeTooLarge }) {
		return nil, diags.Sort() // what was decoded is a part: checking it would report what is not there
	}
	pos.src = data
	diags = append(diags, controls...)
	diags = append(diags, limits...)
	normalize(flow)
	if tr != nil {
		flow.translate(tr) // before the parts are copied out, so that each copy is in the language
	}
	lang := flow.Language
	if tr != nil {
		lang = tr.Language
	}
	parts, usedShared := expandParts(flow, pos, shared, lang)
	var g *flowGraph // nil: indexWith builds it
	if !trusted {
		var checked Diagnostics
		checked, g = validateGraph(flow, pos)
		parts = append(parts, checked...)
	}
	diags = append(diags, once(parts, len(flow.Parts) > 0 || usedShared)...)
	diags = diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	flow.meta = indexWith(flow, data, pos, g)
	flow.meta.shared = shared
	flow.meta.trusted = trusted
	return flow, diags
}

// readYAML checks a file's bytes the way every flow file is checked (its size, text, control bytes,
// nesting and number of values) and reads its YAML, turning each way it can fail into the file's
// one diagnostic: for flows and parts files (shared_parts.go) alike.
func readYAML(path string, data []byte) (*yaml.Node, Diagnostics) {
	syntax := func(line int, msg, hint string) Diagnostics {
		return Diagnostics{{Path: path, Pos: Pos{line, 1}, Severity: SeverityError, Code: CodeSyntax, Message: msg, Hint: hint}}
	}
	if len(data) > MaxFileSize {
		return nil, syntax(1, fmt.Sprintf("the file is larger than %d MB", MaxFileSize>>20), "split it into several flows")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, syntax(1, "the file is empty", "a flow starts with `flow:`, `title:`, `start:` and `nodes:`; see docs/flow-format.md")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, syntax(1, "the file is not text (it contains NUL bytes)", "")
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, syntax(line, "the file is not valid UTF-8 text", "save it as UTF-8")
	}
	if line, col, b, ok := firstControlByte(data); ok {
		return nil, Diagnostics{{Path: path, Pos: Pos{line, col}, Severity: SeverityError, Code: CodeControlChars,
			Message: fmt.Sprintf("the file contains a control character (byte 0x%02x), which YAML does not allow", b),
			Hint:    "remove it; to show such text, there is no need: flows are plain text"}}
	}
	if line, col, r, ok := c1At(data); ok {
		return nil, Diagnostics{{Path: path, Pos: Pos{line, col}, Severity: SeverityError, Code: CodeControlChars,
			Message: fmt.Sprintf("the file contains a control character (U+%04X), which YAML does not allow", r),
			Hint:    "remove it, or type the text around it again: it comes with text pasted from some programs"}}
	}
	if depth, line, col := nestingDepth(data); depth > maxNesting {
		return nil, Diagnostics{{Path: path, Pos: Pos{line, col}, Severity: SeverityError, Code: CodeTooLarge,
			Message: fmt.Sprintf("the file nests more than %d levels deep in brackets; a flow needs fewer than 10", maxNesting)}}
	}
	if n, line := valuesAtLeast(data, maxYAMLNodes); n > maxYAMLNodes {
		return nil, Diagnostics{{Path: path, Pos: Pos{line, 1}, Severity: SeverityError, Code: CodeTooLarge,
			Message: fmt.Sprintf("the file has more than %d values; a flow never needs that many", maxYAMLNodes),
			Hint:    "split the flow into smaller files"}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := splitYAMLError(err.Error())
		at, hint := syntaxPos(data, msg, line)
		return nil, Diagnostics{{Path: path, Pos: at, Severity: SeverityError, Code: CodeSyntax,
			Message: "this is not valid YAML: " + clipLong(Sanitize(msg)), Hint: hint}}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, syntax(1, "the file has no content", "")
	}
	return root.Content[0], nil
}

// decodeFlow decodes a flow's YAML strictly, recording where each part stands beside it.
func decodeFlow(path string, doc *yaml.Node) (*Flow, *positions, Diagnostics) {
	return decodeFlowReleasing(path, doc, false)
}

// decodeFlowReleasing is decodeFlow that lets each node's YAML go once it is decoded when release
// is set (doc is then left with holes): the file must have no aliases.
func decodeFlowReleasing(path string, doc *yaml.Node, release bool) (*Flow, *positions, Diagnostics) {
	d := &decoder{path: path, pos: newPositions(), release: release}
	flow := &Flow{Path: path}
	d.decode(doc, reflect.ValueOf(flow).Elem(), "the flow")
	return flow, d.pos, d.diags
}

func clipLong(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// maxNesting bounds bracket nesting, checked before the YAML reader sees the file.
const maxNesting = 64

// nestingDepth finds how deeply flow-style brackets nest, outside quotes and comments, and where it
// first goes past maxNesting. The YAML reader bounds block nesting itself. Its cyclomatic complexity
// (26) is one switch over the byte and the scanner's state, which reads best in one place.
func nestingDepth(data []byte) (most, line, col int) {
	depth := 0
	line, col = 1, 0
	var quote byte
	comment := false
	prev := byte('\n')
	atLine, atCol := 1, 1
	for _, c := range data {
		col++
		switch {
		case c == '\n':
			line, col, comment = line+1, 0, false // a quoted scalar may go on: its quote stays open
		case comment:
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '#' && strings.IndexByte(" \t\n", prev) >= 0:
			comment = true
		case (c == '"' || c == '\'') && strings.IndexByte(" [{,:\n-", prev) >= 0:
			quote = c
		case c == '[' || c == '{':
			depth++
			if depth > most {
				most = depth
				if most == maxNesting+1 {
					atLine, atCol = line, col
				}
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		prev = c
	}
	return most, atLine, atCol
}

// firstControlByte finds a control byte YAML refuses (all but tab, newline and carriage return).
// The bytes are looked at one by one, and where the first such byte stands is counted only for it.
func firstControlByte(data []byte) (line, col int, b byte, ok bool) {
	for i, c := range data {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f {
			line, col = lineCol(data, i)
			return line, col, c, true
		}
	}
	return 0, 0, 0, false
}

// lineCol is the line and column, counted in bytes, of data[i].
func lineCol(data []byte, i int) (line, col int) {
	return 1 + bytes.Count(data[:i], []byte("\n")), i - bytes.LastIndexByte(data[:i], '\n')
}

// article puts "a" or "an" before a word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// validate checks what the decoder cannot: references, kinds, reachability and ways out. It reads
// the flow and never changes it; defaults were applied before, by normalize. pos says where each part
// stands, for the diagnostics.
func validate(f *Flow, pos *positions) Diagnostics {
	diags, _ := validateGraph(f, pos)
	return diags
}

// validateGraph is validate, with the flow's numbered graph (nodegraph.go) when the checks made one.
func validateGraph(f *Flow, pos *positions) (Diagnostics, *flowGraph) {
	v := &validator{f: f, pos: pos, byID: make(map[string]*Node, len(f.Nodes))}
	v.run()
	return v.diags, v.g
}

type validator struct {
	f     *Flow
	pos   *positions
	byID  map[string]*Node // the first node of each id
	diags Diagnostics

	counts countIndex // the values and nodes by id, for values and the conditions that count (values_check.go)
	used   []refUse   // the {{references}} to answers, for notAsked
	names  *nameIndex // node ids for hints, listed on the first unknown name
	g      *flowGraph // the graph, numbered, for the walks over it (nodegraph.go)

	forbid map[Kind][]string // the keys each kind forbids, by kind met so far

	lastPart any      // the part last asked for by at, keyAt or given, and
	lastPos  *partPos // where it stands
}

func (v *validator) add(sev Severity, pos Pos, code, hint, format string, args ...any) {
	v.diags = append(v.diags, Diagnostic{Path: v.f.Path, Pos: pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (v *validator) errorf(pos Pos, code, hint, format string, args ...any) {
	v.add(SeverityError, pos, code, hint, format, args...)
}

// at is where part x (a *Node, *Option, *Branch, *Cond, *InputSpec or the *Flow) starts in the file.
func (v *validator) at(x any) Pos { return v.part(x).at }

// keyAt is where key stands in part x, or where x starts when the key is not written.
func (v *validator) keyAt(x any, key string) Pos { return v.part(x).keyAt(key) }

// given reports whether key is written in part x.
func (v *validator) given(x any, key string) bool { return v.part(x).has(key) }

// idAt is where a node's id stands.
func (v *validator) idAt(n *Node) Pos { return v.pos.name(n) }

// part is pos.get(x), with the last part asked for kept: the checks ask of the same part many
// times in a row, and a big flow's table holds a million parts.
func (v *validator) part(x any) *partPos {
	if x != v.lastPart || v.lastPos == nil {
		v.lastPart, v.lastPos = x, v.pos.get(x)
	}
	return v.lastPos
}

func (v *validator) run() {
	f := v.f
	if f.Version != 1 {
		v.errorf(v.keyAt(f, "version"), CodeBadValue, "write `version: 1`", "this program reads flow format version 1, not %d", f.Version)
	}
	if f.ID != "" && !idPattern.MatchString(f.ID) {
		v.errorf(v.keyAt(f, "flow"), CodeBadValue, "use lower-case letters, digits and dashes, like payment-fails", "the flow id %q is not a simple name", clip(f.ID))
	}
	for _, h := range f.Provider.Hosts {
		if !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") && strings.ContainsAny(h, "/ ") {
			v.errorf(v.keyAt(f, "provider"), CodeBadValue, "write an address like https://pay.example.com", "provider host %q is not an address", clip(h))
		}
	}
	for _, n := range f.Nodes {
		if prev, dup := v.byID[n.ID]; dup {
			v.errorf(v.idAt(n), CodeDuplicateID, "rename one of them", "node %q is defined twice (first at line %d)", clip(n.ID), v.idAt(prev).Line)
			continue
		}
		if !idPattern.MatchString(n.ID) && n.from == nil { // a part's copy is named call.step (parts.go)
			v.errorf(v.idAt(n), CodeBadValue, "use lower-case letters, digits, dashes and underscores", "node id %q is not a simple name", clip(n.ID))
		}
		v.byID[n.ID] = n
	}
	if v.given(f, "nodes") && len(f.Nodes) == 0 {
		v.errorf(v.keyAt(f, "nodes"), CodeMissingField, "add at least a start node and an end node", "the flow has no nodes")
	}
	if f.Start != "" && v.byID[f.Start] == nil {
		v.errorf(v.keyAt(f, "start"), CodeUnknownTarget, v.suggestNode(f.Start), "start names node %q, which does not exist", clip(f.Start))
	}
	v.values()
	v.texts()
	for _, n := range f.Nodes {
		v.node(n)
	}
	v.paths()
	v.notAsked()
}

func (v *validator) suggestNode(id string) string {
	if v.names == nil {
		ids := make([]string, 0, len(v.f.Nodes))
		for _, n := range v.f.Nodes {
			ids = append(ids, n.ID)
		}
		v.names = newNameIndex(ids, suggestBudget(len(ids)))
	}
	return v.names.suggest(id)
}

func (v *validator) target(pos Pos, from, id string) {
	if id != "" && v.byID[id] == nil {
		v.errorf(pos, CodeUnknownTarget, v.suggestNode(id), "node %q leads to %q, which does not exist", clip(from), clip(id))
	}
}

// kind checks what the node's kind asks of it, and reports whether the node has a way out.
func (v *validator) kind(n *Node) (hasWayOut bool) {
	if n.Kind == "" {
		if v.given(n, "kind") {
			v.errorf(v.keyAt(n, "kind"), CodeMissingField, "write one of "+strings.Join(kindNames(), ", "), "node %q has an empty kind", n.ID)
		}
		return true // without a kind, no way out can be asked for
	}
	def, ok := KindOf(n.Kind)
	if !ok && n.from != nil { // a step the loader made from a part (parts.go)
		def, ok = n.Def(), true
	}
	if !ok {
		v.errorf(v.keyAt(n, "kind"), CodeBadValue, suggest(string(n.Kind), kindNames()), "node %q has unknown kind %q; use one of %s", n.ID, clip(string(n.Kind)), strings.Join(kindNames(), ", "))
		return true // the kind decides what a way out is; one error is enough
	}
	forbid, ok := v.forbid[n.Kind]
	if !ok { // once per kind: a big flow has a hundred thousand nodes of a few kinds
		forbid = def.Keys().Forbid
		if v.forbid == nil {
			v.forbid = map[Kind][]string{}
		}
		v.forbid[n.Kind] = forbid
	}
	v.notFor(n, forbid...)
	own := def.validate(v, n)
	return own || n.Next != "" || len(n.Branch) > 0
}

// notFor reports fields set on a node of a kind that does not use them.
func (v *validator) notFor(n *Node, keys ...string) {
	for _, k := range keys {
		if v.given(n, k) {
			v.errorf(v.keyAt(n, k), CodeBadValue, "remove it", "%s node has no %q", article(string(n.Kind)), k)
		}
	}
}

func (v *validator) node(n *Node) {
	hasWayOut := v.kind(n)
	switch n.Audience {
	case AudienceAll, "all", AudienceShopper, AudienceStaff:
	default:
		v.errorf(v.keyAt(n, "audience"), CodeBadValue, suggest(n.Audience, []string{"all", "shopper", "staff"}), "audience %q is not one of all, shopper, staff", clip(n.Audience))
	}
	if n.Audience == AudienceShopper || n.Audience == AudienceStaff {
		fallback := n.Next != "" || len(n.Branch) > 0 && n.Branch[len(n.Branch)-1].When == nil
		if t := n.Def().Traits(); t.Final || t.Automatic || !fallback {
			v.errorf(v.keyAt(n, "audience"), CodeBadValue, "give it a `next:` (or a last branch without a condition) for those who skip it",
				"node %q is only for %s, so others pass it, but it has no way to be passed", n.ID, n.Audience)
		}
	}
	if !hasWayOut {
		v.errorf(v.at(n), CodeDeadEnd, "add `next:` or `branches:`, or make it `kind: end`", "node %q is a dead end: it has no way out", n.ID)
	}
	v.target(v.keyAt(n, "next"), n.ID, n.Next)
	for i, b := range n.Branch {
		v.target(v.keyAt(b, "goto"), n.ID, b.Goto)
		if b.When != nil {
			v.cond(n, b.When)
			if i == len(n.Branch)-1 && n.Next == "" {
				v.errorf(v.at(b), CodeNoFallback, "add a last branch with only `goto:`, for when nothing else matches", "the branches of node %q have no fallback", n.ID)
			}
		} else if i < len(n.Branch)-1 {
			v.add(SeverityWarning, v.at(b), CodeUnreachable, "move it to the end", "branch %d of node %q has no condition, so the branches after it are never used", i+1, n.ID)
		}
	}
	if n.Next != "" && len(n.Branch) > 0 && n.Branch[len(n.Branch)-1].When == nil {
		v.add(SeverityWarning, v.keyAt(n, "next"), CodeUnreachable, "remove `next:`", "node %q has a fallback branch, so its `next:` is never used", n.ID)
	}
}

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

// cond checks a branch's condition: each kind of test it may hold (an answer, a check's outcome or
// status, conditions combined) checks its own keys, and a condition must hold at least one.
func (v *validator) cond(n *Node, c *Cond) {
	if c == nil {
		return // left empty by a decode that stopped early; that has its own error
	}
	tests := v.answerTest(c) + v.outcomeTest(n, c) + v.countTest(c)
	if c.Answer == "" && !countsSomething(c) && comparesAnswer(c) {
		v.errorf(v.at(c), CodeMissingField, "add `answer:` with the id of the question", "the condition compares an answer but does not say which")
	}
	tests += v.combinedTest(n, c)
	if tests == 0 {
		v.errorf(v.at(c), CodeMissingField, "test an `answer:` or an `outcome:`, or leave `when:` out for the fallback", "the condition tests nothing")
	}
}

// comparesAnswer reports whether a condition sets any key that tests an answer.
func comparesAnswer(c *Cond) bool {
	return c.Equals != nil || c.NotEquals != nil || len(c.In) > 0 || c.Gt != nil || c.Gte != nil || c.Lt != nil || c.Lte != nil || c.Given != nil || c.Has != nil || c.Matches != nil
}

// answerTest checks a test of an answer (answer: with equals, in, gt...); it counts 1 when set.
func (v *validator) answerTest(c *Cond) int {
	if c.Answer == "" {
		return 0
	}
	src := v.byID[c.Answer]
	switch {
	case src == nil:
		v.errorf(v.keyAt(c, "answer"), CodeUnknownAnswer, v.suggestNode(c.Answer), "the condition tests the answer to %q, which is not a node", clip(c.Answer))
	case !src.Def().Traits().Answered:
		v.errorf(v.keyAt(c, "answer"), CodeUnknownAnswer, "", "node %q is %s node and has no answer to test", src.ID, article(string(src.Kind)))
	case v.ticks(c, src):
	case src.Kind == KindChoice:
		v.optionValues(c, src)
	case src.Input != nil:
		v.inputBounds(c, src)
		v.answerValues(c, src)
	}
	if src != nil && c.Matches != nil {
		v.matches(c, src)
	}
	return 1
}

// optionValues checks that the values a condition compares a choice's answer with are its options'.
func (v *validator) optionValues(c *Cond, src *Node) {
	vals := make([]string, 0, len(src.Options))
	for _, o := range src.Options {
		vals = append(vals, optionValue(o))
	}
	check := func(key, val string) {
		if !contains(vals, val) {
			v.errorf(v.keyAt(c, key), CodeUnknownValue, suggest(val, vals), "%q is not one of the options of %q (%s)", clip(val), src.ID, strings.Join(vals, ", "))
		}
	}
	c.eachCompared(check)
	if c.Has != nil {
		check("has", *c.Has)
	}
}

// eachCompared calls f with each value a condition compares an answer with for equality: equals,
// not_equals and every value of in, with its key.
func (c *Cond) eachCompared(f func(key, val string)) {
	if c.Equals != nil {
		f("equals", *c.Equals)
	}
	if c.NotEquals != nil {
		f("not_equals", *c.NotEquals)
	}
	for _, val := range c.In {
		f("in", val)
	}
}

// inputBounds checks the comparisons of a typed answer: bounds only for numbers, and no value
// compared with a sensitive answer.
func (v *validator) inputBounds(c *Cond, src *Node) {
	for key, p := range map[string]*string{"gt": c.Gt, "gte": c.Gte, "lt": c.Lt, "lte": c.Lte} {
		if p == nil {
			continue
		}
		if inputTypeOf(src.Input.Type).number == nil {
			hint := ""
			if src.Input.Type == InputDate {
				hint = "to count days, write `days_since: " + src.ID + "` instead of `answer:`"
			}
			v.errorf(v.keyAt(c, key), CodeBadValue, hint, "%q compares numbers, but %q asks for %s", key, src.ID, src.Input.Type)
		} else if _, err := parseNumber(src.Input.Type, *p); err != nil {
			v.errorf(v.keyAt(c, key), CodeBadValue, "", "%q needs a number, not %q", key, clip(*p))
		}
	}
	if src.Input.IsSensitive() && (c.Equals != nil || c.NotEquals != nil || len(c.In) > 0) {
		v.errorf(v.keyAt(c, "answer"), CodeSensitive, "branch on a check of it instead", "conditions may not compare the sensitive answer %q with a value", src.ID)
	}
}

// outcomeTest checks a test of a check's outcome or status; it counts 1 when set.
func (v *validator) outcomeTest(n *Node, c *Cond) int {
	if len(c.Outcome) == 0 && len(c.Status) == 0 {
		return 0
	}
	checkNode := n
	if c.Check != "" {
		checkNode = v.byID[c.Check]
	}
	switch {
	case checkNode == nil:
		v.errorf(v.keyAt(c, "check"), CodeUnknownAnswer, v.suggestNode(c.Check), "the condition tests check node %q, which does not exist", clip(c.Check))
	case checkNode.Kind != KindCheck:
		v.errorf(v.at(c), CodeUnknownAnswer, "name a check node with `check:`", "the condition tests an outcome, but node %q is not a check", checkNode.ID)
	default:
		v.outcomes(c, checkNode)
		v.status(c)
	}
	return 1
}

// outcomes checks that a condition names outcomes its check can come out as.
func (v *validator) outcomes(c *Cond, checkNode *Node) {
	spec, ok := checks.Lookup(checkNode.Check)
	if !ok {
		return
	}
	for _, o := range c.Outcome {
		if !spec.HasOutcome(o) {
			v.errorf(v.keyAt(c, "outcome"), CodeUnknownValue, suggest(o, spec.Outcomes), "the %s check never comes out as %q; its outcomes are %s", spec.Name, clip(o), strings.Join(spec.Outcomes, ", "))
		}
	}
}

func (v *validator) status(c *Cond) {
	for _, st := range c.Status {
		switch checks.Status(st) {
		case checks.StatusOK, checks.StatusWarning, checks.StatusProblem, checks.StatusSkipped:
		default:
			v.errorf(v.keyAt(c, "status"), CodeBadValue, suggest(st, []string{"ok", "warning", "problem", "skipped"}), "status %q is not one of ok, warning, problem, skipped", clip(st))
		}
	}
}

// combinedTest checks the conditions combined with all, any and not; each counts 1.
func (v *validator) combinedTest(n *Node, c *Cond) int {
	tests := 0
	for _, sub := range c.All {
		tests++
		v.cond(n, sub)
	}
	for _, sub := range c.Any {
		tests++
		v.cond(n, sub)
	}
	if c.Not != nil {
		tests++
		v.cond(n, c.Not)
	}
	return tests
}

func optionValue(o *Option) string {
	if o.Value != "" {
		return o.Value
	}
	return o.Label
}

// texts checks the text fields that may name answers: references to answers that exist, and no
// sensitive answer shown unmasked. Control characters are checked in every value by controlTexts.
func (v *validator) texts() {
	f := v.f
	// field checks the references in one text of part x, written at key; where it stands is looked
	// up only for a text that holds one (a big flow has hundreds of thousands of texts).
	field := func(x any, key string, owner *Node, text string) {
		if owner == nil || !strings.Contains(text, "{{") {
			return
		}
		refs := References(text)
		if len(refs) == 0 {
			return
		}
		pos := v.keyAt(x, key)
		for _, ref := range refs {
			v.reference(v.refAt(pos, ref), owner, ref, false)
		}
	}
	if f.SummaryTemplate != "" {
		pos := v.keyAt(f, "summary_template")
		for _, ref := range References(f.SummaryTemplate) {
			if name, ok := strings.CutPrefix(ref, "summary."); ok {
				if !summarySections[name] {
					v.errorf(v.refAt(pos, ref), CodeUnknownAnswer, suggest(name, sectionNames()), "{{%s}} is not a part of the summary; the parts are %s", clip(ref), strings.Join(sectionNames(), ", "))
				}
				continue
			}
			v.errorf(v.refAt(pos, ref), CodeUnknownAnswer, "answers belong in the details part: {{summary.details}}", "{{%s}}: the summary template can only place the summary's parts", clip(ref))
		}
	}
	type lines struct {
		key   string
		lines []string
	}
	for _, n := range f.Nodes {
		for _, t := range [...]struct{ key, text string }{
			{"title", n.Title}, {"text", n.Text}, {"help", n.Help}, {"label", n.Label}, {"question", n.Question}, {"result", n.Result}, {"staff_note", n.StaffNote},
		} {
			field(n, t.key, n, t.text)
		}
		for _, l := range [...]lines{{"advice", n.Advice}, {"summary", n.Summary}, {"tried", n.Tried}} {
			for _, s := range l.lines {
				field(n, l.key, n, s)
			}
		}
		for _, o := range n.Options {
			field(o, "label", n, o.Label)
			for _, l := range [...]lines{{"summary", o.Summary}, {"tried", o.Tried}} {
				for _, s := range l.lines {
					field(o, l.key, n, s)
				}
			}
		}
	}
}

// controlTexts reports every key and value of the file that holds a control or escape character
// (an ESC written as \e or \x1b in a quoted string, a C1 control, a direction override), each at its
// own line and column. It walks the YAML tree rather than the decoded fields, so that a field added to
// the format, a check's parameter or an option's value is checked without anyone remembering to: no
// text of a flow can carry an escape sequence into the terminal, a summary or a saved file.
func controlTexts(path string, root *yaml.Node) Diagnostics {
	controls, _ := checkTexts(path, root) // textwalk.go
	return controls
}

func orFlow(what string) string {
	if what == "" {
		return "the flow"
	}
	return what
}

func (v *validator) reference(pos Pos, owner *Node, ref string, forCheck bool) {
	if ref == "flow.title" || IsProviderRef(ref) {
		return
	}
	if v.countReference(pos, owner, ref) { // a value, or a date's days_ago (values_check.go)
		return
	}
	src := v.byID[ref]
	if src == nil {
		v.errorf(pos, CodeUnknownAnswer, v.suggestNode(ref), "{{%s}} in node %q names no node", clip(ref), owner.ID)
		return
	}
	if !src.Def().Traits().Answered {
		v.errorf(pos, CodeUnknownAnswer, "", "{{%s}} in node %q names %s node, which has no answer", ref, owner.ID, article(string(src.Kind)))
		return
	}
	if !forCheck && src.Input.IsSensitive() && !inputTypeOf(src.Input.Type).masked {
		v.errorf(pos, CodeSensitive, "leave it out: a sensitive answer is never shown (only a card number may be, as its brand and last four digits)", "{{%s}} would show a sensitive answer", ref)
		return
	}
	v.used = append(v.used, refUse{pos: pos, owner: owner, src: src})
}

// paths checks that every node is reachable and that an end can be reached from every reachable node.
func (v *validator) paths() {
	g := v.graph()
	start, ok := g.num[v.f.Start]
	if !ok {
		return
	}
	reached := make([]bool, len(g.nodes))
	reached[start] = true
	queue := []int32{start}
	for head := 0; head < len(queue); head++ {
		for _, t := range g.targets(queue[head]) {
			if t >= 0 && !reached[t] {
				reached[t] = true
				queue = append(queue, t)
			}
		}
	}
	// Nodes that can reach an end, found by walking the edges backwards from every end.
	inOff, in := g.incoming()
	exits := make([]bool, len(g.nodes))
	queue = queue[:0]
	for i, n := range g.nodes {
		// A node with a missing target, or a dead end, already has its own error; counting it as an
		// exit keeps that one mistake from also being reported as a loop everywhere upstream.
		if n.Def().Traits().Final || g.missingTarget(int32(i)) || len(g.targets(int32(i))) == 0 {
			exits[g.first[i]] = true
			queue = append(queue, int32(i))
		}
	}
	for head := 0; head < len(queue); head++ {
		id := g.first[queue[head]]
		for _, p := range in[inOff[id]:inOff[id+1]] {
			if !exits[g.first[p]] {
				exits[g.first[p]] = true
				queue = append(queue, p)
			}
		}
	}
	for i, n := range g.nodes {
		if g.first[i] != int32(i) {
			continue
		}
		switch {
		case !reached[i]:
			v.add(SeverityWarning, v.idAt(n), CodeUnreachable, "link to it from another node, or remove it", "node %q cannot be reached from start", n.ID)
		case !exits[i] && len(g.targets(int32(i))) > 0:
			v.errorf(v.idAt(n), CodeNoExit, "add a way out of the loop that leads to an end node", "from node %q no path leads to an end: a loop with no way out", n.ID)
		}
	}
}

// graph is the flow's graph, numbered (nodegraph.go), made on first use.
func (v *validator) graph() *flowGraph {
	if v.g == nil {
		v.g = newFlowGraph(v.f)
	}
	return v.g
}

// summarySections are the parts a summary_template can place.
var summarySections = map[string]bool{"header": true, "happened": true, "details": true, "checks": true, "tried": true, "question": true, "notes": true}

func sectionNames() []string {
	return []string{"header", "happened", "details", "checks", "tried", "question", "notes"}
}

// DecodeLoose reads a flow as far as its YAML allows, without checking it, so that a writer's tool can
// still show a flow that does not load (graph draws its problems). It returns nil when the data is not
// a YAML mapping at all; Parse says why.
func DecodeLoose(path string, data []byte) (flow *Flow) {
	defer func() {
		if recover() != nil {
			flow = nil
		}
	}()
	if len(data) > MaxFileSize || bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) || func() bool { d, _, _ := nestingDepth(data); return d > maxNesting }() {
		return nil
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	doc := resolveAlias(root.Content[0])
	if doc == nil || doc.Kind != yaml.MappingNode {
		return nil
	}
	d := &decoder{path: path}
	flow = &Flow{Path: path}
	d.decode(doc, reflect.ValueOf(flow).Elem(), "the flow")
	return flow
}
