package checks

import (
	"context"
	"strconv"
)

func init() {
	Register(Spec{
		Name:        "even",
		Description: "Says whether a number is even (a throwaway check, to count the files a new check touches).",
		Params:      []Param{{Name: "number", Required: true, Description: "a whole number"}},
		Outcomes:    []string{"even", "odd", "not_a_number"},
		Run: func(_ context.Context, in Input) Result {
			n, err := strconv.Atoi(in.Params["number"])
			switch {
			case err != nil:
				return Result{Name: "even", Status: StatusSkipped, Outcome: "not_a_number", Summary: "That is not a whole number."}
			case n%2 == 0:
				return Result{Name: "even", Status: StatusOK, Outcome: "even", Summary: "The number is even."}
			}
			return Result{Name: "even", Status: StatusWarning, Outcome: "odd", Summary: "The number is odd."}
		},
	})
}
