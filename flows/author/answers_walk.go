package author

import (
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

// Walk is RunAs for a caller that makes the summary itself, from the result's Final walk, in its own
// language and format (unstuck run --answers): the result's Summary is left empty rather than made
// twice. An answers file expects nothing of the summary, so whether the walk passed is the same.
func (af *AnswersFile) Walk(f *flows.Flow, audience, caseID string, run CheckRunner) (CaseResult, time.Time) {
	now, _ := (&TestFile{Now: af.Now}).Time()
	c := &TestCase{Name: "answers", Answers: af.Answers, Checks: af.Checks, Keys: af.Keys, noSummary: true}
	return RunCaseAs(f, c, now, run, audience, caseID), now
}
