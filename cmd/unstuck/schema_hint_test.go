package main

import (
	"strings"
	"testing"
)

// A misspelt --for names the schema it is nearest to.
func TestSchemaForAMisspeltNameSuggestsTheNearest(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"tset", `did you mean "test"?`},
		{"answer", `did you mean "answers"?`},
		{"flwo", `did you mean "flow"?`},
	} {
		t.Run(tc.typed+" suggests "+tc.want, func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			if code := runWithin(t, []string{"schema", "--for", tc.typed}, s); code != exitUsage {
				t.Errorf("exit status %d, want %d", code, exitUsage)
			}
			if got := stdout.String() + stderr.String(); !strings.Contains(got, tc.want) {
				t.Errorf("the error lacks %q:\n%s", tc.want, got)
			}
		})
	}
}
