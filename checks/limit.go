package checks

import (
	"context"
	"fmt"
	"strings"
)

// LimitReport is what CheckLimit found. Available is negative when unknown; Cap is 0 when the
// card has no per-purchase cap (or it is unknown). Shortfall is how much the amount must come
// down to pass every known limit; 0 when nothing is exceeded. Amounts are in minor units.
type LimitReport struct {
	Amount    Money `json:"amount"`
	Available Money `json:"available"`
	Cap       Money `json:"cap"`
	OverLimit bool  `json:"over_limit"`
	OverCap   bool  `json:"over_cap"`
	Shortfall Money `json:"shortfall"`
}

// Limit check outcomes, for flows to branch on.
const (
	limitOK       = "ok"
	limitOver     = "over_limit"
	limitOverCap  = "over_cap"
	limitOverBoth = "over_both"
	limitUnknown  = "unknown"
)

// CheckLimit compares an amount with the available spending limit and the card's per-purchase
// cap. A perPurchaseCap of 0 (or less) means no cap; a negative available means it is unknown.
// With neither known, or a negative amount, the Outcome is "unknown" and the Status skipped.
func CheckLimit(amount, available, perPurchaseCap Money) (LimitReport, Result) {
	rep := LimitReport{Amount: amount, Available: available, Cap: perPurchaseCap}
	haveAvail, haveCap := available >= 0, perPurchaseCap > 0
	res := Result{Name: "limit", Detail: limitDetail(rep)}
	if amount < 0 || (!haveAvail && !haveCap) {
		res.Status, res.Outcome = StatusSkipped, limitUnknown
		if amount < 0 {
			res.Summary = "The amount to pay wasn't given, so it couldn't be checked against your limits."
			res.Next = "Find the amount on the checkout page, then run this check again."
		} else {
			res.Summary = "Your available spending limit wasn't given, so the amount couldn't be checked against it."
			res.Next = "Look up your available spending limit in your account (app or website), then run this check again."
		}
		return rep, res
	}

	rep.OverLimit = haveAvail && amount > available
	rep.OverCap = haveCap && amount > perPurchaseCap
	overLimitBy, overCapBy := amount-available, amount-perPurchaseCap
	switch {
	case rep.OverLimit && rep.OverCap:
		rep.Shortfall = max(overLimitBy, overCapBy)
		res.Status, res.Outcome = StatusProblem, limitOverBoth
		res.Summary = fmt.Sprintf("The amount is %s more than your available spending limit of %s, and %s more than the limit for a single purchase of %s.",
			overLimitBy, available, overCapBy, perPurchaseCap)
		res.Next = fmt.Sprintf("Pay at least %s less, pay another way, or ask your payment provider whether your limits can be raised.", rep.Shortfall)
	case rep.OverLimit:
		rep.Shortfall = overLimitBy
		res.Status, res.Outcome = StatusProblem, limitOver
		res.Summary = fmt.Sprintf("The amount is %s more than your available spending limit of %s.", overLimitBy, available)
		res.Next = fmt.Sprintf("Pay at least %s less, pay part of it another way, or ask your payment provider whether your limit can be raised.", rep.Shortfall)
	case rep.OverCap:
		rep.Shortfall = overCapBy
		res.Status, res.Outcome = StatusProblem, limitOverCap
		res.Summary = fmt.Sprintf("The amount is %s more than the limit for a single purchase of %s.", overCapBy, perPurchaseCap)
		res.Next = fmt.Sprintf("Split the purchase into payments of at most %s, pay another way, or ask your payment provider whether that limit can be raised.", perPurchaseCap)
	default:
		res.Status, res.Outcome = StatusOK, limitOK
		switch {
		case haveAvail && haveCap:
			res.Summary = fmt.Sprintf("The amount fits within your available spending limit of %s and the limit for a single purchase of %s.", available, perPurchaseCap)
		case haveAvail:
			res.Summary = fmt.Sprintf("The amount fits within your available spending limit of %s.", available)
		default:
			res.Summary = fmt.Sprintf("The amount fits within the limit for a single purchase of %s. Your available spending limit wasn't given, so it wasn't checked.", perPurchaseCap)
		}
	}
	res.Detail = limitDetail(rep)
	found := rep
	res.Limit = &found
	return rep, res
}

func limitDetail(r LimitReport) string {
	avail, limitCap := "unknown", "none"
	if r.Available >= 0 {
		avail = r.Available.String()
	}
	if r.Cap > 0 {
		limitCap = r.Cap.String()
	}
	return fmt.Sprintf("amount=%s available=%s cap=%s shortfall=%s", r.Amount, avail, limitCap, r.Shortfall)
}

// limitParam reads one money parameter. Blank gives def; anything unreadable is reported with
// the parameter's name and the plain reason.
func limitParam(in Input, name string, def Money) (Money, string) {
	s := strings.TrimSpace(in.Params[name])
	if s == "" {
		return def, ""
	}
	m, err := ParseMoney(s)
	if err != nil {
		return 0, name + ": " + entryReason(err, "it isn't an amount")
	}
	return m, ""
}

func init() {
	Register(Spec{
		Name:        "limit",
		Description: "Compares the amount with the available spending limit and the limit for a single purchase.",
		Params: []Param{
			{Name: "amount", Required: true, Description: "the amount being paid, like 120.50"},
			{Name: "available", Description: "the available spending limit; blank if unknown"},
			{Name: "cap", Description: "the card's limit for a single purchase; blank if none"},
		},
		Outcomes: []string{limitOK, limitOver, limitOverCap, limitOverBoth, limitUnknown},
		Label:    "Spending limit",
		Texts: map[string]OutcomeText{
			limitOK:      {Summary: "The amount is within your limits.", Agent: "The amount is within the shopper's limits."},
			limitOver:    {Summary: "The amount is more than your available spending limit.", Agent: "The amount is over the shopper's available spending limit."},
			limitOverCap: {Summary: "The amount is more than the limit for a single purchase.", Agent: "The amount is over the card's limit for a single purchase."},
			limitOverBoth: {Summary: "The amount is more than your available spending limit and the limit for a single purchase.",
				Agent: "The amount is over the shopper's available spending limit and the card's limit for a single purchase."},
			limitUnknown: {Summary: "The limits could not be compared, because an amount was missing.", Agent: "The limits could not be compared: an amount was missing or unreadable."},
		},
		Run: func(_ context.Context, in Input) Result {
			var problems []string
			amount, p := limitParam(in, "amount", -1)
			if amount < 0 && p == "" {
				p = "amount: nothing was entered"
			}
			problems = append(problems, p)
			available, p := limitParam(in, "available", -1)
			problems = append(problems, p)
			limitCap, p := limitParam(in, "cap", 0)
			problems = append(problems, p)
			var unread []string
			for _, p := range problems {
				if p != "" {
					unread = append(unread, p)
				}
			}
			if len(unread) > 0 {
				return Result{
					Name:    "limit",
					Status:  StatusSkipped,
					Outcome: limitUnknown,
					Summary: "Some of the amounts couldn't be read, so the spending limit wasn't checked.",
					Detail:  "unreadable " + strings.Join(unread, "; "),
					Next:    "Type each amount as a plain number, like 120 or 120.50, and run this check again.",
				}
			}
			_, res := CheckLimit(amount, available, limitCap)
			return res
		},
	})
}
