package flows

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Mistakes that load but do not do what the writer meant: a value a condition can never equal (a
// yes-no answer compared with "true", an amount compared with words), an answer shown on a path
// where it was never asked, a text field far longer than anyone reads. Each is caught by the
// validator with the line the writer must change.

// Text field limits, in characters. A name (a title, a label, an option) is read at a glance; a text
// (a question, help, advice) is a paragraph or two. The built-in flows use at most 80 and 400.
const (
	MaxNameChars = 200
	MaxTextChars = 4000
)

// shortKeys are the keys whose values are names, held to MaxNameChars; every other value is held to
// MaxTextChars.
var shortKeys = map[string]bool{
	"flow": true, "title": true, "label": true, "value": true, "answer": true, "placeholder": true,
	"start": true, "next": true, "goto": true, "kind": true, "outcome": true, "check": true, "name": true,
	"language": true, "currency": true, "audience": true, "type": true, "typos": true,
}

func clipKey(key string) string {
	if key == "" {
		return "value"
	}
	return clip(key)
}

// refAt is where {{ref}} is written in the file, searched from pos (where the field's value starts):
// in a block scalar (text: |) or a value over several lines, the line the reference is on. It
// answers pos when the source is not at hand or the reference is not found.
func (v *validator) refAt(pos Pos, ref string) Pos {
	off := v.pos.offset(pos)
	if off < 0 {
		return pos
	}
	src := v.pos.src[off:]
	src = src[:min(len(src), 1<<20)] // the value is near; a reference reached through an alias may not be
	// The first {{ that holds ref, spaces allowed inside the braces; no regexp: a flow may hold many
	// thousands of references.
	for from := 0; ; {
		i := bytes.Index(src[from:], []byte("{{"))
		if i < 0 {
			return pos
		}
		at := from + i
		rest := bytes.TrimLeft(src[at+2:], " \t")
		if name, ok := bytes.CutPrefix(rest, []byte(ref)); ok && bytes.HasPrefix(bytes.TrimLeft(name, " \t"), []byte("}}")) {
			return v.posAfter(pos, src[:at])
		}
		from = at + 2
	}
}

// find is where the first group of pattern first matches in the source from pos, or pos.
func (v *validator) find(pos Pos, pattern string) Pos {
	off := v.pos.offset(pos)
	if off < 0 {
		return pos
	}
	src := v.pos.src[off:]
	src = src[:min(len(src), 1<<20)] // the value is near; a reference reached through an alias may not be
	re, err := regexp.Compile(pattern)
	if err != nil {
		return pos
	}
	loc := re.FindSubmatchIndex(src)
	if loc == nil || len(loc) < 4 {
		return pos
	}
	return v.posAfter(pos, src[:loc[2]])
}

// posAfter is the position reached from pos by the text before.
func (v *validator) posAfter(pos Pos, before []byte) Pos {
	nl := bytes.Count(before, []byte("\n"))
	if nl == 0 {
		return Pos{Line: pos.Line, Col: pos.Col + utf8.RuneCount(before)}
	}
	last := bytes.LastIndexByte(before, '\n')
	return Pos{Line: pos.Line + nl, Col: 1 + utf8.RuneCount(before[last+1:])}
}

// offset is the byte offset of pos in the source, or -1 when the source is not at hand.
func (p *positions) offset(pos Pos) int {
	if p == nil || p.src == nil || pos.Line < 1 {
		return -1
	}
	if p.lines == nil {
		p.lines = make([]int, 1, 1+bytes.Count(p.src, []byte("\n")))
		for i := 0; ; {
			j := bytes.IndexByte(p.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			p.lines = append(p.lines, i)
		}
	}
	if pos.Line > len(p.lines) {
		return -1
	}
	off := p.lines[pos.Line-1]
	for col := 1; col < pos.Col && off < len(p.src); col++ {
		_, size := utf8.DecodeRune(p.src[off:])
		off += size
	}
	return off
}

// refUse is one {{reference}} to an answer, where it is written and in which node.
type refUse struct {
	pos   Pos
	owner *Node
	src   *Node
}

// notAsked warns of each answer used in a node's text (or a check's parameters) that some path from
// the start reaches without passing the node that asks it: there the shopper reads "(not answered)".
// Every path to the using node passes the asking one exactly when the asking node dominates it, which
// one dominator tree answers for every use (dominators.go), however large the flow.
func (v *validator) notAsked() {
	if v.byID[v.f.Start] == nil || len(v.used) == 0 {
		return
	}
	dom := newDominators(v.graph(), v.f.Start)
	for _, u := range v.used {
		if u.owner == u.src || !dom.reached(u.owner.ID) {
			continue // its own answer, or a node no walk reaches (warned of as unreachable)
		}
		if only := u.src.Audience; only != AudienceAll && u.owner.Audience != only && dom.dominates(u.src.ID, u.owner.ID) {
			v.add(SeverityWarning, u.pos, CodeNotAsked,
				fmt.Sprintf("show it in a step for the same audience (`audience: %s`), or ask %q of everyone", only, u.src.ID),
				"{{%s}} in node %q: %q is asked only of %s, so everyone else reads \"(not answered)\"", u.src.ID, u.owner.ID, u.src.ID, audienceName(only))
			continue
		}
		if !dom.dominates(u.src.ID, u.owner.ID) {
			v.add(SeverityWarning, u.pos, CodeNotAsked,
				fmt.Sprintf("ask %q on every path to %q, or name it only in steps that come after it", u.src.ID, u.owner.ID),
				"{{%s}} in node %q: some paths reach %q without asking %q, and there it shows as \"(not answered)\"", u.src.ID, u.owner.ID, u.owner.ID, u.src.ID)
		}
	}
}

// answerValues checks the values a condition compares a typed answer with: a yes-no answer is
// "yes" or "no", a number or an amount must read as one.
func (v *validator) answerValues(c *Cond, src *Node) {
	typ := src.Input.Type
	check := func(key, val string) {
		switch {
		case typ == InputYesNo:
			if !strings.EqualFold(val, "yes") && !strings.EqualFold(val, "no") {
				want := "yes"
				if a, err := parseYesNo(typed{input: val, lang: v.f.Language}); err == nil {
					want = a.Value
				}
				v.errorf(v.keyAt(c, key), CodeUnknownValue, fmt.Sprintf("write %s: %q (a yes-no answer is compared as yes or no, whatever the shopper typed)", key, want),
					"%q asks yes or no, so its answer is never %q", src.ID, clip(val))
			}
		case inputTypeOf(typ).number != nil:
			if _, err := parseNumber(typ, val); err != nil {
				what, example := "number", "50"
				if typ == InputMoney {
					what, example = "amount", "50.00"
				}
				v.errorf(v.keyAt(c, key), CodeBadValue, fmt.Sprintf("write the %s in digits, like %s: %q", what, key, example),
					"%q asks for %s, so its answer is never %q", src.ID, article(what), clip(val))
			}
		}
	}
	c.eachCompared(check)
}

// keyIn is where key is written in the mapping that starts at pos (a check's `with:`, whose keys
// the decoder does not record), or pos when it is not found.
func (v *validator) keyIn(pos Pos, key string) Pos {
	return v.find(pos, `(?:^|[\s{,])(`+regexp.QuoteMeta(key)+`)\s*:`)
}

// audienceName says who an audience is, for a message.
func audienceName(audience string) string {
	if audience == AudienceStaff {
		return "support staff"
	}
	return "shoppers"
}

// translatedTooLong holds a translated text to the limit of the flow's text it translates (key is
// the text's key, like nodes.done.title or nodes.ask.options.1.label).
func translatedTooLong(tr *Translation, key string, tt *TranslatedText) Diagnostics {
	limit, what := MaxTextChars, "a text"
	parts := strings.Split(key, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			if shortKeys[parts[i]] {
				limit, what = MaxNameChars, "a name"
			}
			break
		}
	}
	if len(tt.Text) <= limit {
		return nil
	}
	chars := utf8.RuneCountInString(tt.Text)
	if chars <= limit {
		return nil
	}
	return Diagnostics{{Path: tr.Path, Pos: keyPos(tt.Keys, "text", tt.Pos), Severity: SeverityError, Code: CodeTooLong,
		Message: fmt.Sprintf("the %s text of %s is %d characters long; %s holds at most %d", tr.Language, clip(key), chars, what, limit),
		Hint:    "shorten it: a shopper reads a few sentences at a step"}}
}
