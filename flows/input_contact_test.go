package flows

import (
	"strings"
	"testing"
	"time"
)

func TestEmailPhoneAndURLAnswers(t *testing.T) {
	today := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		typ   InputType
		typed string
		want  string // the normalised answer; "" when it is refused
		says  string // part of the message when refused
	}{
		{"an email address keeps its name and lower-cases its domain", InputEmail, "  Refunds@Shop.Example.COM ", "Refunds@shop.example.com", ""},
		{"an email address with a plus and dots is fine", InputEmail, "first.last+shop@mail.example.org", "first.last+shop@mail.example.org", ""},
		{"an email address without an @ says it needs one", InputEmail, "shop.example.com", "", "has an @ in it"},
		{"an email address with nothing before the @ says so", InputEmail, "@example.com", "", "part before the @"},
		{"an email address without a domain says what comes after the @", InputEmail, "name@example", "", "After the @ comes the domain"},
		{"an email address with a space says it has none", InputEmail, "my name@example.com", "", "no spaces"},
		{"an email address with a name and brackets is not one address", InputEmail, "Shop <shop@example.com>", "", "no spaces"},
		{"an email address with two @ is refused", InputEmail, "a@b@example.com", "", "doesn't look like an email address"},
		{"an email address holding a card number is refused", InputEmail, "4242424242424242@example.com", "", "card number is never asked for"},
		{"a phone number keeps its digits and its plus", InputPhone, "+46 70-123 45 67", "+46701234567", ""},
		{"a phone number starting 00 is read as a plus", InputPhone, "0046 (70) 123.45.67", "+46701234567", ""},
		{"a phone number without a country code keeps its leading zero", InputPhone, "070-123 45 67", "0701234567", ""},
		{"a phone number in Arabic-Indic digits is read as digits", InputPhone, "٠٧٠١٢٣٤٥٦٧", "0701234567", ""},
		{"a phone number with letters says what a phone number has", InputPhone, "call 070 123", "", "only digits, spaces and dashes"},
		{"a phone number with too few digits asks for the area code", InputPhone, "12 34", "", "area code"},
		{"a phone number with too many digits is no card number", InputPhone, "4242 4242 4242 4242", "", "too many digits"},
		// A phone number that passes a card's check digit would be masked as a card wherever it is
		// shown or saved: refused, with the way round it. (4222222222222 is a published test card.)
		{"a phone number that could be taken for a card is refused with advice", InputPhone, "+42 222 222 22 22", "", "without the country code"},
		{"the same number without its country code is a phone number again", InputPhone, "0222 222 22 22", "02222222222", ""},
		{"a web address gets https when no scheme is typed", InputURL, "Shop.Example.com/help", "https://shop.example.com/help", ""},
		{"a web address keeps http, its port and its query", InputURL, "HTTP://shop.example.com:8080/pay?order=12", "http://shop.example.com:8080/pay?order=12", ""},
		{"localhost is a host", InputURL, "localhost:8443", "https://localhost:8443", ""},
		{"a web address of another kind is refused", InputURL, "ftp://files.example.com", "", "Only web addresses (http or https)"},
		{"a web address without a host asks for the site's name", InputURL, "https:///help", "", "site's name"},
		{"a word with no dot is no web address", InputURL, "myshop", "", "doesn't look like a web address"},
		{"a web address with a password is refused", InputURL, "https://me:secret@shop.example.com", "", "user name and password"},
		{"a web address with a space says it has none", InputURL, "shop example.com", "", "no spaces"},
		{"a web address holding a card number is refused", InputURL, "shop.example.com/4242424242424242", "", "card number is never asked for"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseAnswer(&InputSpec{Type: tc.typ}, tc.typed, today, "en")
			if tc.want == "" {
				if err == nil {
					t.Fatalf("took %q as %q", tc.typed, a.Value)
				}
				if !strings.Contains(err.Error(), tc.says) {
					t.Errorf("said %q, want it to say %q", err, tc.says)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if a.Value != tc.want || a.Display != tc.want {
				t.Errorf("got value %q, display %q; want %q", a.Value, a.Display, tc.want)
			}
			again, err := ParseAnswer(&InputSpec{Type: tc.typ}, a.Value, today, "en")
			if err != nil || again.Value != a.Value {
				t.Errorf("the answer does not read back as itself: %q, %v", again.Value, err)
			}
		})
	}
	t.Run("the messages are in the shopper's language", func(t *testing.T) {
		_, err := ParseAnswer(&InputSpec{Type: InputEmail}, "shop.example.com", today, "sv")
		if err == nil || !strings.Contains(err.Error(), "e-postadress") {
			t.Errorf("got %v", err)
		}
	})
}

func TestAURLAnswerFeedsTheConnectivityCheck(t *testing.T) {
	f, diags := Parse("x.yaml", []byte(`flow: site
title: Site
start: site
nodes:
  site:
    kind: input
    text: The shop's web address?
    input: { type: url }
    next: reach
  reach:
    kind: check
    check: connectivity
    with: { urls: "{{site}}" }
    next: done
  done:
    kind: end
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	st, err := Start(f, t0).Answer("Shop.Example.com/pay", t0)
	if err != nil {
		t.Fatal(err)
	}
	req, ok := st.PendingCheck()
	if !ok {
		t.Fatalf("no check asked for at %q", st.Node().ID)
	}
	if got := req.Params["urls"]; got != "https://shop.example.com/pay" {
		t.Errorf("the check is given urls %q", got)
	}
}
