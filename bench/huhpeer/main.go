// Command huhpeer is the peer for unstuck's start menu in bench/startup: a huh v2 Select with the
// same title and the same ten flow titles, drawn on the same terminal setup (stderr). It lives in its
// own module so that huh's own dependencies stay out of unstuck's go.mod; its go.mod pins the same
// Bubble Tea, Lip Gloss, Bubbles and x/ansi as unstuck's.
package main

import (
	"fmt"
	"os"

	"charm.land/huh/v2"
)

var titles = []string{
	"My payment doesn't go through",
	"How much can I spend?",
	"I can't log in, or I'm worried about my account's security",
	"I get an error when I try to pay an instalment",
	"I have a problem with the store that isn't solved",
	"I was charged twice, or see two orders",
	"My card was declined at checkout",
	"My first instalment was higher than expected",
	"My return isn't registered, or my refund hasn't arrived",
	"Why was I charged a late fee?",
}

func main() {
	var picked string
	options := make([]huh.Option[string], len(titles))
	for i, t := range titles {
		options[i] = huh.NewOption(t, t)
	}
	sel := huh.NewSelect[string]().Title("What do you need help with?").Options(options...).Value(&picked)
	if err := huh.NewForm(huh.NewGroup(sel)).WithOutput(os.Stderr).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stdout, picked)
}
