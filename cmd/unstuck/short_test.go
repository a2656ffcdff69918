package main

import "testing"

// inShortSample reports whether a proof that goes over every built-in flow (and language) takes
// this one under go test -short: there, payment-fails, the flow that asks for a card, in English and
// Swedish, stands for them all, so that -short stays quick. CI runs without -short: every flow,
// every language.
func inShortSample(flowID, lang string) bool {
	return !testing.Short() || flowID == "payment-fails" && (lang == "" || lang == "en" || lang == "sv")
}
