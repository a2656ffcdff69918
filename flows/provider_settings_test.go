package flows

import (
	"strings"
	"testing"
)

const settingsFlow = `flow: settings
title: Settings
provider:
  name: Acme Pay
%s
start: done
nodes:
  done:
    kind: end
    title: Wait for the refund
    text: |
      The store has registered your return.
      Acme says a refund takes {{provider.refund_time}}.
      If you are not sure how long it takes, ask {{provider.name}}.
    advice:
      - "Support answers {{provider.support_hours}}."
      - Keep the receipt.
`

func TestProviderSettingsLeaveOutLinesThatNeedThem(t *testing.T) {
	for _, tc := range []struct {
		name, settings   string
		wantText, noText string
		wantAdvice       []string
	}{
		{
			name:       "a line naming a setting that is set shows its value",
			settings:   "  refund_time: up to 5 working days\n  support_hours: 24/7",
			wantText:   "The store has registered your return.\nAcme says a refund takes up to 5 working days.\nIf you are not sure how long it takes, ask Acme Pay.",
			wantAdvice: []string{"Support answers 24/7.", "Keep the receipt."},
		},
		{
			name:       "a line naming a setting that is not set is left out, and the rest reads on",
			settings:   "",
			wantText:   "The store has registered your return.\nIf you are not sure how long it takes, ask Acme Pay.",
			noText:     "{{",
			wantAdvice: []string{"Keep the receipt."},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(settingsFlow, "%s\n", tc.settings+"\n", 1)
			f, diags := Parse("settings.yaml", []byte(src))
			if diags.HasErrors() {
				t.Fatalf("the flow does not load:\n%s", diags.Error())
			}
			st := Start(f, t0)
			p := st.Prompt()
			if p.Text != tc.wantText {
				t.Errorf("text:\n%q\nwant\n%q", p.Text, tc.wantText)
			}
			if tc.noText != "" && strings.Contains(p.Text, tc.noText) {
				t.Errorf("text still holds %q: %q", tc.noText, p.Text)
			}
			if p.End == nil || strings.Join(p.End.Advice, "|") != strings.Join(tc.wantAdvice, "|") {
				t.Errorf("advice = %#v, want %q", p.End, tc.wantAdvice)
			}
		})
	}
}
