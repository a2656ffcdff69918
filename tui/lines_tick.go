package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
)

// askTicks writes the options of a step where any number are ticked: those ticked before the
// shopper went back are marked, and the line says how to answer with several numbers.
func (r *lineRun) askTicks(p flows.Prompt) {
	for i, o := range p.Options {
		mark := "   "
		if o.Earlier {
			mark = "[x]"
		}
		fmt.Fprintf(r.out, "  %s %d. %s\n", mark, i+1, o.Label)
	}
	fmt.Fprintf(r.out, r.e.t("Type the numbers of all that apply, like 1, 3 (1 to %d), or 0 for none.")+"\n", len(p.Options))
}

// earlierTicks is the answer an empty line keeps at a tick step answered before: the numbers of
// the options ticked then, or "" when none were.
func earlierTicks(p flows.Prompt) string {
	var nums []string
	for i, o := range p.Options {
		if o.Earlier {
			nums = append(nums, strconv.Itoa(i+1))
		}
	}
	return strings.Join(nums, ", ")
}
