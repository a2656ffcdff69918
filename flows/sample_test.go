package flows

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPatternSamplesMatchTheWholePattern(t *testing.T) {
	cases := []struct {
		name, pattern string
		lo, hi        int
	}{
		{"an order number of letters, a dash and digits", `[A-Z]{2}-[0-9]{6}`, 0, 500},
		{"the same order number with a least length it just meets", `[A-Z]{2}-[0-9]{6}`, 9, 500},
		{"letters made long enough by repeating", `[a-z]+`, 12, 500},
		{"alternatives where only the second is long enough", `abc|[0-9]{3,}`, 8, 500},
		{"a choice of prefixes and an optional part", `(ORD|INV)-\d{4}(-[A-Z])?`, 0, 500},
		{"anchors, classes that exclude and any character", `^[^0-9\s]\w*\.?.{2}$`, 5, 500},
		{"case-insensitive letters", `(?i)ref[a-f0-9]{8}`, 0, 500},
		{"a bounded repeat that must stop at its most", `x{2,4}y`, 5, 500},
		{"unicode letters", `\p{Greek}{3}`, 0, 500},
	}
	for _, c := range cases {
		t.Run(c.name+" gives a sample the pattern matches in full", func(t *testing.T) {
			re := regexp.MustCompile(`^(?:` + c.pattern + `)$`)
			got := patternSamples(c.pattern, c.lo, c.hi)
			if len(got) == 0 {
				t.Fatal("no sample")
			}
			fits := false
			for _, s := range got {
				if !re.MatchString(s) {
					t.Errorf("%q does not match", s)
				}
				if n := utf8.RuneCountInString(s); n >= c.lo && n <= c.hi {
					fits = true
				}
			}
			if !fits {
				t.Errorf("no sample of %v has between %d and %d characters", got, c.lo, c.hi)
			}
		})
	}
	t.Run("a pattern that matches nothing gives no sample", func(t *testing.T) {
		if got := patternSamples(`[^\x00-\x{10FFFF}]`, 0, 500); len(got) != 0 {
			t.Errorf("got %q", got)
		}
	})
}

func TestSampleAnswersKeepTheInputsRules(t *testing.T) {
	today := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		spec InputSpec
		want string // when set, the first sample
	}{
		{"a text input with a pattern", InputSpec{Type: InputText, Pattern: `[A-Z]{2}-[0-9]{6}`}, ""},
		{"a text input with a least length longer than a word", InputSpec{Type: InputText, MinLength: 20}, ""},
		{"a text input with a most length shorter than a word", InputSpec{Type: InputText, MaxLength: 3}, ""},
		{"a text input whose pattern needs the least length", InputSpec{Type: InputText, Pattern: `[0-9]+`, MinLength: 6, MaxLength: 8}, ""},
		{"a text input with an example", InputSpec{Type: InputText, Pattern: `[A-Z]{2}-[0-9]{6}`, Example: "SE-123456"}, "SE-123456"},
		{"a text input whose placeholder is a valid answer", InputSpec{Type: InputText, Pattern: `[A-Z]{2}-[0-9]{6}`, Placeholder: "AB-123456"}, "AB-123456"},
		{"a money input whose most is under ten", InputSpec{Type: InputMoney, Max: "5.00"}, ""},
		{"a money input with a least and a most", InputSpec{Type: InputMoney, Min: "500", Max: "900"}, ""},
		{"a number input whose most is below one", InputSpec{Type: InputNumber, Max: "-3"}, ""},
		{"a number input with a least", InputSpec{Type: InputNumber, Min: "40"}, ""},
		{"a date input", InputSpec{Type: InputDate}, ""},
		{"an expiry input", InputSpec{Type: InputExpiry}, ""},
		{"a card number input", InputSpec{Type: InputCard}, ""},
		{"a yes-no input", InputSpec{Type: InputYesNo}, ""},
	}
	for _, c := range cases {
		t.Run(c.name+" gets samples it accepts", func(t *testing.T) {
			got := SampleAnswers(&c.spec, today, "en")
			if len(got) == 0 {
				t.Fatal("no sample")
			}
			for _, s := range got {
				if _, err := ParseAnswer(&c.spec, s, today, "en"); err != nil {
					t.Errorf("a sample is refused: %v", err)
				}
			}
			if c.want != "" && got[0] != c.want {
				t.Errorf("the first sample is %q, want %q", got[0], c.want)
			}
		})
	}
	t.Run("an input whose rules contradict each other gets none", func(t *testing.T) {
		spec := &InputSpec{Type: InputText, Pattern: `[0-9]{3}`, MinLength: 5}
		if got := SampleAnswers(spec, today, "en"); len(got) != 0 {
			t.Errorf("got %q", got)
		}
	})
}

func TestLintChecksAnInputsExample(t *testing.T) {
	flow := func(input string) string {
		return "flow: ex\ntitle: Ex\nstart: q\nnodes:\n  q:\n    kind: input\n    text: Which?\n    input: " + input + "\n    next: done\n  done: { kind: end }\n"
	}
	cases := []struct {
		name, input, want string
	}{
		{"an example that keeps the rules passes", `{ type: text, pattern: "[A-Z]{2}-[0-9]{6}", example: "SE-123456" }`, ""},
		{"an example the pattern refuses is an error at its line", `{ type: text, pattern: "[A-Z]{2}-[0-9]{6}", example: "se-12" }`, `ex.yaml:8:`},
		{"an example under the least amount is an error", `{ type: money, min: "10", example: "5" }`, `the example of node "q" breaks the input's own rules: The smallest answer allowed is 10.00.`},
		{"an example card number is refused", `{ type: card-number, example: "4242424242424242" }`, `a card number is never written in a flow`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("ex.yaml", []byte(flow(c.input)))
			got := diags.Error()
			if c.want == "" {
				if diags.HasErrors() {
					t.Fatal(got)
				}
				return
			}
			if !strings.Contains(got, c.want) || !strings.Contains(got, "bad-value") {
				t.Errorf("got %s, want %q", got, c.want)
			}
			if strings.Contains(got, "4242") {
				t.Errorf("the message repeats the card: %s", got)
			}
		})
	}
}
