package summary

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

// hostileMarkdown is what a flow's summary text, a shopper's answer or a staff note might hold that a
// Markdown renderer would otherwise read as structure or as a link.
var hostileMarkdown = []struct{ name, text string }{
	{"a setext heading underline", "Paid twice\n==="},
	{"a line of equals signs", "==="},
	{"a thematic break", "---"},
	{"a dashed setext underline", "Paid twice\n---"},
	{"spaced dashes", "- - -"},
	{"a block quote", "> quoted"},
	{"an ordered list", "1. first"},
	{"an ordered list with a parenthesis", "1) first"},
	{"a bullet list", "- item"},
	{"a plus bullet", "+ item"},
	{"a star bullet", "* item"},
	{"indented code", "    code()"},
	{"a tab before code", "\tcode()"},
	{"an ATX heading", "# Heading"},
	{"a code fence", "```sh\nrm -rf /\n```"},
	{"a tilde fence", "~~~\ncode\n~~~"},
	{"a table", "| a | b |\n| --- | --- |\n| 1 | 2 |"},
	{"an html block", "<div>boxed</div>"},
	{"an html comment", "<!-- hidden -->"},
	{"an angle autolink", "<https://evil.example/pay>"},
	{"a bare https address", "see https://evil.example/pay now"},
	{"a bare http address", "http://evil.example"},
	{"a www address", "www.evil.example/pay"},
	{"a www address after a parenthesis", "(www.evil.example)"},
	{"an e-mail address", "write to help@evil.example"},
	{"a mailto address", "mailto:help@evil.example"},
	{"an inline link", "[click](https://evil.example)"},
	{"an image", "![pic](https://evil.example/p.png)"},
	{"a reference definition", "[ref]: https://evil.example"},
	{"a task list item", "- [ ] task"},
	{"emphasis and strikethrough", "**bold** _em_ ~~gone~~"},
	{"entities", "&amp; &#x41; &copy;"},
	{"a backslash at the end of a line", "end\\\nnext"},
	{"two spaces before a line break", "end  \nnext"},
	{"a carriage return line break", "one\r\n- two"},
	{"a lone carriage return", "one\r> two"},
	{"a Unicode line separator", "one\u2028# two"},
	{"a paragraph separator", "one\u2029    two"},
	{"a next-line character", "one\u00851. two"},
	{"a trailing heading closer", "Title ##"},
	{"an escape sequence", "red\x1b[31m text\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"},
}

// hostileSummary is a summary in which everything a flow or a shopper wrote is text.
func hostileSummary(text string) Summary {
	at := time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC)
	return Summary{
		FlowID: "f", FlowTitle: text, Provider: text, Reference: "U-ABCDEF", CaseID: text, Time: at,
		Outcome: "contact-support", OutcomeTitle: text, Finished: true,
		Happened: []string{text, "plain words"},
		Answers:  []Answer{{Node: "a", Label: text, Value: text, Important: true}, {Node: "b", Label: "Label", Value: text, Important: true}},
		Checks: []Check{{Node: "c", Result: checks.Result{Name: "card", Status: checks.StatusProblem, Summary: text, Detail: text}},
			{Node: "d", Result: checks.Result{Name: text, Status: checks.StatusOK, Summary: text}}},
		Tried:    []string{text},
		Question: text,
		Advice:   []string{text},
		Notes:    []Note{{Node: "a", At: at, Text: text}},
		Lang:     "en",
	}
}

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// skeleton is the block and inline structure of a Markdown document, without its words: what a
// renderer makes of it besides text.
func skeleton(t *testing.T, md string) string {
	t.Helper()
	src := []byte(md)
	doc := gfm.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindText, ast.KindString:
			return ast.WalkContinue, nil
		}
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		b.WriteString(n.Kind().String())
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&b, "%d", n.Level)
		case *ast.List:
			fmt.Fprintf(&b, "%c", n.Marker)
		}
		b.WriteString("(")
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// forbidden lists the nodes unstuck never writes in a summary, so a hostile text cannot have made them.
func forbidden(t *testing.T, md string) []string {
	t.Helper()
	doc := gfm.Parser().Parse(text.NewReader([]byte(md)))
	var found []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindRawHTML, ast.KindHTMLBlock, ast.KindBlockquote,
			ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindThematicBreak,
			extast.KindStrikethrough, extast.KindTable, extast.KindTaskCheckBox, ast.KindLinkReferenceDefinition:
			found = append(found, n.Kind().String())
		}
		return ast.WalkContinue, nil
	})
	return found
}

var tags = regexp.MustCompile(`<[^>]*>`)

// rendered is the text a reader sees: the HTML without tags and entities, spaces collapsed.
func rendered(t *testing.T, md string) string {
	t.Helper()
	var out bytes.Buffer
	if err := gfm.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(out.String(), " "))), " ")
}

func TestMarkdownSummaryKeepsItsStructure(t *testing.T) {
	plain := hostileSummary("plain words").Markdown()
	want := skeleton(t, plain)
	if got := forbidden(t, plain); len(got) > 0 {
		t.Fatalf("the plain summary already has %v:\n%s", got, plain)
	}
	for _, h := range hostileMarkdown {
		t.Run("a text with "+h.name+" stays text", func(t *testing.T) {
			md := hostileSummary(h.text).Markdown()
			if got := skeleton(t, md); got != want {
				t.Errorf("the structure changed:\n got %s\nwant %s\n\n%s", got, want, md)
			}
			if got := forbidden(t, md); len(got) > 0 {
				t.Errorf("the summary has %v:\n%s", got, md)
			}
			// What was written is shown as written (line breaks read as spaces).
			words := strings.Join(strings.Fields(flows.OneLine(flows.Sanitize(h.text))), " ")
			if view := rendered(t, md); !strings.Contains(view, words) {
				t.Errorf("the rendered summary does not show %q as written:\n%s", words, view)
			}
			for _, l := range strings.Split(md, "\n") {
				if strings.Contains(l, "\x1b") {
					t.Errorf("an escape sequence is in line %q", l)
				}
			}
		})
	}
}

func TestTranscriptKeepsItsStructure(t *testing.T) {
	f := parseOrFail(t, `
flow: f
title: Hostile
start: ask
nodes:
  ask:
    kind: input
    title: The text
    text: Type anything.
    label: Anything
    input: {type: text}
    next: done
  done:
    kind: end
    title: Done
    summary: plain words
`)
	at := time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC)
	walk := func(text string) string {
		st := flows.StartAs(f, at, flows.AudienceStaff).WithCaseID(text).WithNote(text, at)
		st, err := st.Answer(text, at)
		if err != nil {
			t.Fatal(err)
		}
		return Transcript(st)
	}
	want := skeleton(t, walk("plain words"))
	for _, h := range hostileMarkdown {
		t.Run("an answer, note and case with "+h.name+" stay text", func(t *testing.T) {
			md := walk(h.text)
			if got := skeleton(t, md); got != want {
				t.Errorf("the structure changed:\n got %s\nwant %s\n\n%s", got, want, md)
			}
		})
	}
}

func parseOrFail(t *testing.T, src string) *flows.Flow {
	t.Helper()
	f, diags := flows.Parse("f.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return f
}

func TestMarkdownEscapingHidesNoCardNumber(t *testing.T) {
	for _, shape := range []string{
		"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "4242_4242_4242_4242",
		"4242|4242|4242|4242", "4242*4242*4242*4242", "4242~4242~4242~4242", "4242#4242#4242#4242",
		"4242<4242>4242&4242", "- 5555 5555 5555 4444", "1. 378282246310005", "4242.4242.4242.4242",
	} {
		t.Run(fmt.Sprintf("a card number written as %q is removed as the scrubber removes it", shape), func(t *testing.T) {
			scrubbed := flows.ScrubCardNumbers(shape)
			if scrubbed == shape {
				t.Skip("the scrubber does not remove this shape yet")
			}
			md := hostileSummary("paid with " + shape + " today").Markdown()
			digits := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' || r == '\n' || r == ' ' {
					return r
				}
				return -1
			}, md)
			for _, card := range []string{"4242424242424242", "5555555555554444", "378282246310005"} {
				if strings.Contains(strings.ReplaceAll(digits, " ", ""), card) {
					t.Fatalf("the card number survives in the markdown:\n%s", md)
				}
			}
		})
	}
}
