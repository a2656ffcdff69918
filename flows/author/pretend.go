package author

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

// badPretend says what is wrong with a case's pretended check results, or "": each must name a
// check node of the flow and an outcome its check gives (or ok, or skipped), with a known status
// after a colon if any. A misspelt outcome would otherwise be a problem no branch tests.
func badPretend(f *flows.Flow, pretended map[string]string) string {
	ids := make([]string, 0, len(pretended))
	for id := range pretended {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n := f.Node(id)
		if n == nil {
			return fmt.Sprintf("checks name node %q, which the flow does not have%s", id, hintOf(suggestNodeIn(f, id)))
		}
		if !n.Def().Traits().Automatic {
			return fmt.Sprintf("checks name node %q, which is a step of kind %s, not a check: give its answer under answers:", id, n.Kind)
		}
		spec, ok := checks.Lookup(n.Check)
		if !ok {
			continue // the loader has said so
		}
		outcome, status, hasStatus := strings.Cut(pretended[id], ":")
		known := append([]string{string(checks.StatusOK), string(checks.StatusSkipped)}, spec.Outcomes...)
		if !slices.Contains(known, outcome) {
			return fmt.Sprintf("checks give node %q the outcome %q, which the %s check never gives%s; its outcomes are %s",
				id, flows.Clip(outcome), n.Check, hintOf(flows.Suggest(outcome, known)), strings.Join(uniq(known), ", "))
		}
		statuses := []string{string(checks.StatusOK), string(checks.StatusWarning), string(checks.StatusProblem), string(checks.StatusSkipped)}
		if hasStatus && !slices.Contains(statuses, status) {
			return fmt.Sprintf("checks give node %q the status %q; write the outcome, then a colon and one of %s, like %s:warning",
				id, flows.Clip(status), strings.Join(statuses, ", "), outcome)
		}
	}
	return ""
}

func uniq(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
