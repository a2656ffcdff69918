package flows

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// timeFrame finds a number of minutes, hours, days, weeks or months in English text: "7 working days",
// "a week", "two minutes". Vague words ("a few days", "a while") are not numbers and pass.
var timeFrame = regexp.MustCompile(`(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty|a|an)\s+(working\s+|business\s+|calendar\s+)?(minute|hour|day|week|month)s?\b`)

// TestLibraryTimeFramesAreSourced keeps the built-in flows from inventing a provider's policy: every
// time frame in a flow's English text is a provider setting ({{provider.refund_time}}, ...) or is listed,
// in backticks, under the flow's heading in docs/content.md with where it comes from.
func TestLibraryTimeFramesAreSourced(t *testing.T) {
	doc, err := os.ReadFile("../docs/content.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := contentSections(string(doc))
	lib, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib {
		t.Run(f.ID+" states no time frame that docs/content.md does not list", func(t *testing.T) {
			spans, ok := listed[f.ID]
			if !ok {
				t.Fatalf("docs/content.md has no section \"## `%s`\"", f.ID)
			}
			for _, tr := range f.texts() {
				for _, m := range timeFrame.FindAllString(*tr.ptr, -1) {
					if !anyContains(spans, strings.ToLower(m)) {
						t.Errorf("%s says %q (%q), which is neither a {{provider.…}} setting nor listed under ## `%s` in docs/content.md", tr.key, m, clip(*tr.ptr), f.ID)
					}
				}
			}
		})
	}
}

func TestTimeFramesAreFound(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"usually within 7 working days", "7 working days"},
		{"Wait two minutes.", "two minutes"},
		{"give the store a week", "a week"},
		{"wait an hour before you try again", "an hour"},
		{"a refund takes {{provider.refund_time}}", ""},
		{"pay a few days early", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := timeFrame.FindString(tc.text); got != tc.want {
				t.Errorf("found %q, want %q", got, tc.want)
			}
		})
	}
}

// contentSections maps each "## `flow-id`" heading of docs/content.md to the backticked spans under it,
// lower-cased.
func contentSections(doc string) map[string][]string {
	out := map[string][]string{}
	span := regexp.MustCompile("`([^`]+)`")
	id := ""
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "## ") {
			id = ""
			if m := span.FindStringSubmatch(line); m != nil {
				id = m[1]
				out[id] = nil
			}
			continue
		}
		if id == "" {
			continue
		}
		for _, m := range span.FindAllStringSubmatch(line, -1) {
			out[id] = append(out[id], strings.ToLower(m[1]))
		}
	}
	return out
}

func anyContains(spans []string, s string) bool {
	for _, sp := range spans {
		if strings.Contains(sp, s) {
			return true
		}
	}
	return false
}
