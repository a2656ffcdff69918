package flows

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sharedCard is a parts file with one part that asks for a card and checks it, reading the caller's
// answer {{order}}.
const sharedCard = `parts:
  card:
    start: card-number
    nodes:
      card-number:
        kind: input
        text: Card number for {{order}}?
        label: Card
        input: { type: card-number }
        next: card-check
      card-check:
        kind: check
        check: card
        with: { number: "{{card-number}}" }
        next: back
      back: { kind: end, outcome: return }
`

const sharedCardSv = `translation: card
language: sv
texts:
  parts.card.nodes.card-number.text:
    source: "Card number for {{order}}?"
    text: "Kortnummer för {{order}}?"
  parts.card.nodes.card-number.label:
    source: "Card"
    text: "Kort"
`

// callerFlow calls the shared part card after asking for the order.
const callerFlow = `flow: caller
title: Caller
start: order
nodes:
  order:
    kind: input
    text: Order?
    label: Order
    input: { type: text }
    next: check-card
  check-card:
    kind: call
    part: card
    next: done
  done: { kind: end, title: "Done with {{check-card.card-number}}" }
`

func sharedFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["lib/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func mustShared(t *testing.T, files map[string]string) *SharedParts {
	t.Helper()
	shared, diags := PartsFS(sharedFS(files), "lib", "lib", nil)
	if diags.HasErrors() {
		t.Fatalf("the parts files do not load:\n%s", diags.Error())
	}
	return shared
}

func TestSharedPartsRunFromAnyFlow(t *testing.T) {
	shared := mustShared(t, map[string]string{"card.parts.yaml": sharedCard, "card.parts.sv.yaml": sharedCardSv})
	f, diags := ParseWith("caller.yaml", []byte(callerFlow), shared)
	if diags.HasErrors() {
		t.Fatalf("the flow does not load:\n%s", diags.Error())
	}
	t.Run("the part's steps are copied in under the call's id", func(t *testing.T) {
		for _, id := range []string{"check-card.card-number", "check-card.card-check", "check-card.back"} {
			if f.meta.byID[id] == nil {
				t.Errorf("the flow has no step %s", id)
			}
		}
		if part, id := f.PartOf(f.meta.byID["check-card.card-number"]); part != "card" || id != "card-number" {
			t.Errorf("PartOf says %q %q, want card card-number", part, id)
		}
	})
	t.Run("the part reads the caller's answers", func(t *testing.T) {
		st := Start(f, tickT0)
		st, err := st.Answer("A-17", tickT0)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Prompt().Text; !strings.Contains(got, "A-17") {
			t.Errorf("the part's question %q does not name the order", got)
		}
	})
	t.Run("a localized flow runs the part in its translation", func(t *testing.T) {
		tr := &Translation{Flow: "caller", Language: "sv", Texts: map[string]*TranslatedText{}}
		f.AddTranslation(tr)
		sv := f.Localize("sv")
		if got := sv.meta.byID["check-card.card-number"].Text; got != "Kortnummer för {{order}}?" {
			t.Errorf("in Swedish the part asks %q", got)
		}
		if got := f.meta.byID["check-card.card-number"].Text; got != "Card number for {{order}}?" {
			t.Errorf("the English flow changed: %q", got)
		}
	})
}

func TestSharedPartMistakesAreCaught(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		flow  string
		want  string
	}{
		{"a call of a part no file has is an error with a did-you-mean", map[string]string{"card.parts.yaml": sharedCard},
			strings.Replace(callerFlow, "part: card", "part: crad", 1), `did you mean "card"?`},
		{"a shared part that names an answer its caller never asks is reported in the caller", map[string]string{"card.parts.yaml": sharedCard},
			strings.Replace(callerFlow, "order:\n    kind: input", "ordr:\n    kind: input", 1), `{{order}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shared := mustShared(t, tt.files)
			_, diags := ParseWith("caller.yaml", []byte(tt.flow), shared)
			if !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("want %q in:\n%s", tt.want, diags.Error())
			}
			for _, d := range diags {
				if d.Severity == SeverityError && d.Pos.Line == 0 {
					t.Errorf("a diagnostic has no line: %s", d.Message)
				}
			}
		})
	}
}

func TestPartsFileMistakesAreCaught(t *testing.T) {
	other := "parts:\n  expiry:\n    start: ask\n    nodes:\n      ask: { kind: call, part: card, next: back }\n      back: { kind: end, outcome: return }\n"
	loop := "parts:\n  card:\n    start: ask\n    nodes:\n      ask: { kind: call, part: expiry, next: back }\n      back: { kind: end, outcome: return }\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a step that leads out of its part", map[string]string{"card.parts.yaml": strings.Replace(sharedCard, "next: back", "next: bakc", 1)},
			`lib/card.parts.yaml:15:15: error unknown-target: step "card-check" of part "card" leads to "bakc"`},
		{"an unknown key, with a did-you-mean", map[string]string{"card.parts.yaml": strings.Replace(sharedCard, "parts:", "prts: {}\nparts:", 1)},
			`lib/card.parts.yaml:1:1`},
		{"an unknown check outcome in a part's branch", map[string]string{"card.parts.yaml": strings.Replace(sharedCard, "next: back\n      back", "branches:\n          - when: { outcome: expird }\n            goto: back\n          - goto: back\n      back", 1)},
			`never comes out as "expird"`},
		{"parts of two files that run each other", map[string]string{"card.parts.yaml": loop, "expiry.parts.yaml": other},
			`calls itself`},
		{"a stale translation", map[string]string{"card.parts.yaml": sharedCard, "card.parts.sv.yaml": strings.Replace(sharedCardSv, `source: "Card"`, `source: "Kard"`, 1)},
			`lib/card.parts.sv.yaml:8:5: warning stale-translation`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := PartsFS(sharedFS(tt.files), "lib", "lib", nil)
			if !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("want %q in:\n%s", tt.want, diags.Error())
			}
		})
	}
	t.Run("an unused shared part is fine", func(t *testing.T) {
		_, diags := PartsFS(sharedFS(map[string]string{"card.parts.yaml": sharedCard}), "lib", "lib", nil)
		if len(diags) > 0 {
			t.Errorf("want no diagnostics, got:\n%s", diags.Error())
		}
	})
	t.Run("a later file's part replaces an earlier one of the same name", func(t *testing.T) {
		base := mustShared(t, map[string]string{"card.parts.yaml": sharedCard})
		mine, _ := DecodeParts("team/card.parts.yaml", []byte(strings.Replace(sharedCard, "Card number for", "Your card for", 1)))
		over := NewSharedParts(base, mine)
		if got := over.lookup("card", "en").Nodes[0].Text; !strings.HasPrefix(got, "Your card") {
			t.Errorf("the part asks %q, not the team's text", got)
		}
	})
}

func TestPartsFilesAreNotFlows(t *testing.T) {
	for _, tt := range []struct {
		path        string
		parts, trns bool
	}{
		{"flows/card.parts.yaml", true, false},
		{"card.parts.sv.yaml", true, true},
		{"card.parts.de-AT.yml", true, true},
		{"card.yaml", false, false},
		{"card.sv.yaml", false, false},
	} {
		if IsPartsFile(tt.path) != tt.parts || IsPartsTranslationFile(tt.path) != tt.trns || IsTranslationFile(tt.path) {
			if !(tt.path == "card.sv.yaml" && IsTranslationFile(tt.path)) {
				t.Errorf("%s: parts file %v, translation %v", tt.path, IsPartsFile(tt.path), IsPartsTranslationFile(tt.path))
			}
		}
	}
}

func TestThePartsSchemaAcceptsTheBuiltInPartsFiles(t *testing.T) {
	b, err := PartsSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(PartsSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(PartsSchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	names, _ := fs.Glob(LibraryFS(), "library/*.parts.yaml")
	if len(names) == 0 {
		t.Fatal("the library has no parts file")
	}
	for _, name := range names {
		data, _ := fs.ReadFile(LibraryFS(), name)
		if err := sch.Validate(yamlInstance(t, data)); err != nil {
			t.Errorf("%s: the schema refuses it: %v", name, err)
		}
		if err := sch.Validate(yamlInstance(t, []byte("parts: {}\nnodes: {}\n"))); err == nil {
			t.Errorf("the schema takes a parts file with nodes:")
		}
	}
}
