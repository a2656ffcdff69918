package flows

import (
	"fmt"

	"github.com/unstuck-dev/unstuck/checks"
)

// Move is one thing a shopper (or a check) does at a node: an answer, or a check's result.
type Move struct {
	Node   string
	Answer string         // for messages (empty), choices and inputs
	Result *checks.Result // for checks
}

// String describes the move for a report; answers to sensitive inputs are not shown.
func (m Move) String() string {
	if m.Result != nil {
		return fmt.Sprintf("%s: outcome %s", m.Node, m.Result.Outcome)
	}
	return fmt.Sprintf("%s: %q", m.Node, m.Answer)
}
