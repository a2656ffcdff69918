// Package checks holds the local checks unstuck runs on a shopper's behalf (card number, expiry,
// spending limit), their registry and the one runner every front end uses (Run). It never touches
// the terminal, and never the network: the connection check lives in checks/connectivity, which
// registers itself here when imported, so nothing that imports checks pulls in net or crypto/tls.
package checks

import (
	"encoding/json"
	"time"
)

// Status is how a check came out, from the shopper's side.
type Status string

const (
	StatusOK      Status = "ok"      // nothing wrong was found
	StatusWarning Status = "warning" // something looks odd but need not stop the payment
	StatusProblem Status = "problem" // something is wrong and explains a failing payment
	StatusSkipped Status = "skipped" // not run, because an earlier layer failed or input was missing
)

// Result is one check's outcome. Flows branch on Outcome; people read Summary, Detail and Next.
type Result struct {
	Name     string        // which check: "card", "expiry", "limit", "dns", ...
	Status   Status        // ok, warning, problem or skipped
	Outcome  string        // a stable machine key a flow can branch on, e.g. "ok", "luhn_failed", "expired"
	Summary  string        // one plain sentence for a shopper, no jargon
	Detail   string        // one technical line for support staff (never a full card number)
	Next     string        // what to do next, in plain words; empty when nothing is needed
	Duration time.Duration // how long it took
	// Limit is what the limit check compared, as numbers, for words written later in the reader's
	// language (the technical line is for people); nil for other checks.
	Limit *LimitReport
}

// MarshalJSON writes the result with lower-case keys and the duration in milliseconds.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name       string       `json:"name"`
		Status     Status       `json:"status"`
		Outcome    string       `json:"outcome"`
		Summary    string       `json:"summary"`
		Detail     string       `json:"detail"`
		Next       string       `json:"next,omitempty"`
		DurationMS float64      `json:"duration_ms"`
		Limit      *LimitReport `json:"limit,omitempty"`
	}{r.Name, r.Status, r.Outcome, r.Summary, r.Detail, r.Next, float64(r.Duration.Microseconds()) / 1000, r.Limit})
}

// Worst returns the most serious status among results: problem, then warning, then ok.
// Skipped results do not count; an empty list is ok.
func Worst(results []Result) Status {
	worst := StatusOK
	for _, r := range results {
		switch r.Status {
		case StatusProblem:
			return StatusProblem
		case StatusWarning:
			worst = StatusWarning
		}
	}
	return worst
}

// UnmarshalJSON reads a result written by MarshalJSON, so saved sessions can be resumed.
func (r *Result) UnmarshalJSON(data []byte) error {
	var v struct {
		Name       string       `json:"name"`
		Status     Status       `json:"status"`
		Outcome    string       `json:"outcome"`
		Summary    string       `json:"summary"`
		Detail     string       `json:"detail"`
		Next       string       `json:"next"`
		DurationMS float64      `json:"duration_ms"`
		Limit      *LimitReport `json:"limit"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*r = Result{Name: v.Name, Status: v.Status, Outcome: v.Outcome, Summary: v.Summary, Detail: v.Detail, Next: v.Next,
		Duration: time.Duration(v.DurationMS * float64(time.Millisecond)), Limit: v.Limit}
	return nil
}
