package flows_test

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// A staff note and a case id hold what support staff paste: a card number in any shape, a code or
// an expiry date. None of it is kept.
func TestNotesAndCaseIDsKeepNoCardData(t *testing.T) {
	f, diags := files.Find("payment-fails")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, shape := range []string{
		"4242.4242.4242.4242", "4242/4242/4242/4242", "4242_4242_4242_4242", "4242,4242,4242,4242",
		"4242  4242  4242  4242", "5555\t5555\t5555\t4444", "4242\u30004242\u30004242\u30004242",
		"4242\u00a04242\u00a04242\u00a04242", "４２４２４２４２４２４２４２４２", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢",
		"۴۲۴۲ ۴۲۴۲ ۴۲۴۲ ۴۲۴۲", "378282246310005",
	} {
		t.Run("a card typed as "+strings.ToValidUTF8(shape, "?")+" is kept out", func(t *testing.T) {
			st := flows.StartAs(f, fuzzNow, flows.AudienceStaff).WithCaseID("case " + shape)
			st = st.WithNote("shopper read out "+shape+", cvv 918, expires 09/31", fuzzNow)
			snap, err := flows.MarshalSnapshot(st.Snapshot(fuzzNow))
			if err != nil {
				t.Fatal(err)
			}
			sm := summary.Of(st)
			for name, text := range map[string]string{
				"the case id": st.CaseID(), "the transcript": summary.Transcript(st), "the saved progress": string(snap),
				"the text summary": sm.Text(), "the markdown summary": sm.Markdown(), "the json summary": sm.JSON(),
			} {
				if redact.HasCard(text) {
					t.Errorf("%s holds a card number:\n%s", name, redact.String(text))
				}
				if strings.Contains(text, "918") || strings.Contains(text, "09/31") {
					t.Errorf("%s holds the security code or the expiry date", name)
				}
			}
			if !strings.Contains(summary.Transcript(st), "card ending") || !strings.Contains(summary.Transcript(st), "code removed") {
				t.Errorf("the transcript does not say what was removed:\n%s", summary.Transcript(st))
			}
		})
	}
}
