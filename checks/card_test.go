package checks

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"
)

// These tests never print a card number. Failures name the case and show masked or redacted
// forms only, so a CI log cannot collect the numbers even though they are all public test cards.

type gatewayCard struct {
	name   string // a sentence; the only thing a failure prints about the card
	number string // as the gateway's page writes it
	brand  Brand
	luhn   bool
	length bool
}

var gatewayCards = []gatewayCard{
	// Stripe, "Cards by brand" and "Declined payments": https://docs.stripe.com/testing#cards
	{"Stripe's Visa is a valid Visa", "4242 4242 4242 4242", BrandVisa, true, true},
	{"Stripe's Visa debit is a valid Visa", "4000 0566 5566 5556", BrandVisa, true, true},
	{"Stripe's Mastercard is a valid Mastercard", "5555 5555 5555 4444", BrandMastercard, true, true},
	{"Stripe's 2-series Mastercard is a valid Mastercard", "2223 0031 2200 3222", BrandMastercard, true, true},
	{"Stripe's Mastercard debit is a valid Mastercard", "5200 8282 8282 8210", BrandMastercard, true, true},
	{"Stripe's prepaid Mastercard is a valid Mastercard", "5105 1051 0510 5100", BrandMastercard, true, true},
	{"Stripe's American Express is a valid Amex", "3782 822463 10005", BrandAmex, true, true},
	{"Stripe's second American Express is a valid Amex", "3714 496353 98431", BrandAmex, true, true},
	{"Stripe's Discover is a valid Discover", "6011 1111 1111 1117", BrandDiscover, true, true},
	{"Stripe's second Discover is a valid Discover", "6011 0009 9013 9424", BrandDiscover, true, true},
	{"Stripe's Discover debit is a valid Discover", "6011 9811 1111 1113", BrandDiscover, true, true},
	{"Stripe's 16-digit Diners Club is a valid Diners", "3056 9300 0902 0004", BrandDiners, true, true},
	{"Stripe's 14-digit Diners Club is a valid Diners", "3622 720627 1667", BrandDiners, true, true},
	{"Stripe's JCB is a valid JCB", "3566 0020 2036 0505", BrandJCB, true, true},
	{"Stripe's UnionPay is a valid UnionPay", "6200 0000 0000 0005", BrandUnionPay, true, true},
	{"Stripe's UnionPay debit is a valid UnionPay", "6200 0000 0000 0047", BrandUnionPay, true, true},
	{"Stripe's 19-digit UnionPay is a valid UnionPay", "6205 5000 0000 0000 004", BrandUnionPay, true, true},
	{"Stripe's generic-decline card is still a well-formed Visa", "4000 0000 0000 0002", BrandVisa, true, true},
	{"Stripe's incorrect-number card fails Luhn", "4242 4242 4242 4241", BrandVisa, false, true},

	// Adyen, "Test card numbers":
	// https://docs.adyen.com/development-resources/test-cards-and-credentials/test-card-numbers
	{"Adyen's American Express is a valid Amex", "3700 0000 0000 002", BrandAmex, true, true},
	{"Adyen's Diners is a valid 14-digit Diners", "3600 6666 3333 44", BrandDiners, true, true},
	{"Adyen's Discover is a valid Discover", "6011 6011 6011 6611", BrandDiscover, true, true},
	{"Adyen's Discover in the 644 range is a valid Discover", "6445 6445 6445 6445", BrandDiscover, true, true},
	{"Adyen's JCB is a valid JCB", "3569 9900 1009 5841", BrandJCB, true, true},
	{"Adyen's Maestro is a valid Maestro", "6771 7980 2100 0008", BrandMaestro, true, true},
	{"Adyen's Mastercard is a valid Mastercard", "5555 3412 4444 1115", BrandMastercard, true, true},
	{"Adyen's 2-series Mastercard is a valid Mastercard", "2222 4000 7000 0005", BrandMastercard, true, true},
	{"Adyen's classic Visa is a valid Visa", "4111 1111 4555 1142", BrandVisa, true, true},
	{"Adyen's Spanish Visa is a valid Visa", "4988 4388 4388 4305", BrandVisa, true, true},
	{"Adyen's UnionPay in the 81 range is a valid UnionPay", "8171 9999 2766 0000", BrandUnionPay, true, true},
	{"Adyen's 19-digit UnionPay in the 81 range is a valid UnionPay", "8171 9999 0000 0000 021", BrandUnionPay, true, true},
	{"Adyen's UnionPay debit is a valid UnionPay", "6250946000000016", BrandUnionPay, true, true},
	{"Adyen's UATP card is a well-formed number of no known brand", "1354 1001 4004 955", BrandUnknown, true, true},

	// Braintree, "Testing": https://developer.paypal.com/braintree/docs/reference/general/testing/
	{"Braintree's Visa is a valid Visa", "4111111111111111", BrandVisa, true, true},
	{"Braintree's second Visa is a valid Visa", "4005519200000004", BrandVisa, true, true},
	{"Braintree's international Visa is a valid Visa", "4009348888881881", BrandVisa, true, true},
	{"Braintree's fourth Visa is a valid Visa", "4217651111111119", BrandVisa, true, true},
	{"Braintree's Diners Club is a valid Diners", "36259600000004", BrandDiners, true, true},
	{"Braintree's Discover is a valid Discover", "6011000991300009", BrandDiscover, true, true},
	{"Braintree's JCB is a valid JCB", "3530111333300000", BrandJCB, true, true},
	{"Braintree's Maestro is a valid Maestro", "6304000000000000", BrandMaestro, true, true},
	{"Braintree's 2-series Mastercard is a valid Mastercard", "2223000048400011", BrandMastercard, true, true},
	{"Braintree's UnionPay is a valid UnionPay", "6243030000000001", BrandUnionPay, true, true},
	{"Braintree's UnionPay in the Discover co-branded range counts as UnionPay", "6221261111117766", BrandUnionPay, true, true},
	{"Braintree's third UnionPay, also co-branded, counts as UnionPay", "6223164991230014", BrandUnionPay, true, true},
	{"Braintree's unknown-brand card is well formed but of no known brand", "1000000000000008", BrandUnknown, true, true},
	// Braintree's SDK test helpers, INVALID_VISA and INVALID_AMEX:
	// https://github.com/braintree/braintree_android (TestUtils CardNumber.java)
	{"Braintree's invalid Visa fails Luhn", "4111111111111112", BrandVisa, false, true},
	{"Braintree's invalid Amex fails Luhn", "371111111111111", BrandAmex, false, true},

	// PayPal Payflow, "Credit card numbers for testing":
	// https://developer.paypal.com/api/nvp-soap/payflow/integration-guide/test-transactions/
	{"PayPal's corporate American Express is a valid Amex", "378734493671000", BrandAmex, true, true},
	{"PayPal's Carte Blanche-range Diners is a valid Diners", "30569309025904", BrandDiners, true, true},
	{"PayPal's Diners Club is a valid Diners", "38520000023237", BrandDiners, true, true},
	{"PayPal's Visa is a valid Visa", "4012888888881881", BrandVisa, true, true},
	{"PayPal's 13-digit Visa is a valid Visa", "4222222222222", BrandVisa, true, true},
	{"PayPal's Australian BankCard falls in Maestro's 56 range", "5610591081018250", BrandMaestro, true, true},
	{"PayPal's Dankort falls in Maestro's 50 range", "5019717010103742", BrandMaestro, true, true},
	{"PayPal's Switch/Solo falls to Maestro's catch-all 6", "6331101999990016", BrandMaestro, true, true},

	// YooKassa (none of the four gateways above lists Mir), "Test bank cards":
	// https://yookassa.ru/developers/payment-acceptance/testing-and-going-live/testing#test-bank-card
	{"YooKassa's Mir is a valid Mir", "2200 0000 0000 0004", BrandMir, true, true},
	{"YooKassa's second Mir is a valid Mir", "2202 4743 0132 2987", BrandMir, true, true},

	// Typos made on the published cards above: a digit dropped, added, changed or swapped.
	{"Stripe's Visa with a digit dropped has the wrong length", "4242 4242 4242 424", BrandVisa, true, false},
	{"Stripe's Mastercard with a digit added has the wrong length", "5555 5555 5555 4444 0", BrandMastercard, true, false},
	{"Stripe's Amex with a digit added has the wrong length and fails Luhn", "3782 822463 100051", BrandAmex, false, false},
	{"Stripe's Mastercard with two digits swapped fails Luhn", "5555 5555 5554 5444", BrandMastercard, false, true},
	{"Stripe's Amex with one digit wrong fails Luhn", "3782 822463 10006", BrandAmex, false, true},
	{"Stripe's Discover with one digit wrong fails Luhn", "6011 1111 1111 1118", BrandDiscover, false, true},
	{"Stripe's JCB with its last two digits swapped fails Luhn", "3566 0020 2036 0550", BrandJCB, false, true},
	{"Stripe's UnionPay with its last digit wrong fails Luhn", "6200 0000 0000 0006", BrandUnionPay, false, true},
	{"YooKassa's Mir with a digit dropped has the wrong length", "2200 0000 0000 000", BrandMir, false, false},
}

func TestGatewayTestCards(t *testing.T) {
	if len(gatewayCards) < 40 {
		t.Fatalf("only %d gateway cards; the brief asks for at least 40", len(gatewayCards))
	}
	for _, tc := range gatewayCards {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCardNumber(tc.number)
			if err != nil {
				t.Fatalf("does not parse: %v", err)
			}
			digits := keepDigits(tc.number)
			if c.Digits() != digits {
				t.Errorf("Digits() is not the typed digits")
			}
			if c.Len() != len(digits) {
				t.Errorf("Len() = %d, want %d", c.Len(), len(digits))
			}
			if got := c.Brand(); got != tc.brand {
				t.Errorf("brand = %s, want %s", got, tc.brand)
			}
			if got := c.LuhnValid(); got != tc.luhn {
				t.Errorf("LuhnValid() = %t, want %t", got, tc.luhn)
			}
			if got := c.LengthValid(); got != tc.length {
				t.Errorf("LengthValid() = %t, want %t (%d digits)", got, tc.length, c.Len())
			}
			last4 := digits[len(digits)-4:]
			if c.Last4() != last4 {
				t.Errorf("Last4() is not the last four digits")
			}
			if want := tc.brand.Title() + " ending " + last4; c.Masked() != want {
				t.Errorf("Masked() = %q, want %q", c.Masked(), want)
			}

			wantOutcome := "ok"
			switch {
			case !tc.length:
				wantOutcome = "wrong_length"
			case !tc.luhn && tc.brand == BrandUnionPay:
				wantOutcome = "unionpay_warning"
			case !tc.luhn:
				wantOutcome = "luhn_failed"
			}
			rep, res, err := CheckCard(tc.number, "", fixedNow)
			if err != nil {
				t.Fatalf("CheckCard: %v", err)
			}
			if res.Outcome != wantOutcome {
				t.Errorf("outcome = %s, want %s", res.Outcome, wantOutcome)
			}
			if rep.LuhnValid != tc.luhn || rep.LengthValid != tc.length {
				t.Errorf("report luhn/length = %t/%t, want %t/%t", rep.LuhnValid, rep.LengthValid, tc.luhn, tc.length)
			}
			for _, out := range []string{res.Summary, res.Detail, res.Next, strings.Join(rep.Warnings, " ")} {
				if leaksCard(out, digits) {
					t.Errorf("the result leaks the card number: %s", redactDigits(out))
				}
			}
		})
	}
}

// fixedNow is the clock for tests that need one: mid-June 2025, midday UTC.
var fixedNow = time.Date(2025, time.June, 15, 12, 0, 0, 0, time.UTC)

var pointerAddr = regexp.MustCompile(`0x[0-9a-f]+`)

// leaksCard reports whether out holds the card number, or its first six digits (what a "first
// six, last four" truncation would show), with separators ignored. Pointer addresses, which fmt
// prints for pointers inside structs, are dropped first: they are not card digits.
func leaksCard(out, digits string) bool {
	out = pointerAddr.ReplaceAllString(out, "")
	compact := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' || r == '\u00a0' {
			return -1
		}
		return r
	}, out)
	return strings.Contains(compact, digits) || strings.Contains(compact, digits[:6])
}

// redactDigits makes output safe to show in a failure message.
func redactDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
}

func countASCIIDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

func TestCardNumberNeverPrintsItsDigits(t *testing.T) {
	cases := []struct{ name, number string }{
		{"a 16-digit Visa", "4242 4242 4242 4242"},
		{"a 15-digit Amex", "3782 822463 10005"},
		{"a 13-digit Visa", "4222222222222"},
		{"a 19-digit UnionPay", "6205 5000 0000 0000 004"},
		{"a number that fails Luhn", "4242 4242 4242 4241"},
		{"a number of no known brand", "1000000000000008"},
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%o", "%b", "%c", "%U", "%e", "%f", "%g", "%t", "%p", "%T", "%30v", "%-30s", "%08d", "%.3s", "%#x", "%+q", "% x"}
	for _, tc := range cases {
		c, err := ParseCardNumber(tc.number)
		if err != nil {
			t.Fatalf("%s does not parse: %v", tc.name, err)
		}
		digits := c.Digits()
		check := func(t *testing.T, what, out string) {
			t.Helper()
			if leaksCard(out, digits) {
				t.Errorf("%s leaks the number: %s", what, redactDigits(out))
			}
		}
		t.Run(tc.name+" prints masked with every fmt verb", func(t *testing.T) {
			for _, v := range verbs {
				out := fmt.Sprintf(v, c)
				check(t, v, out)
				// %p never reaches Format (fmt handles it first) and prints the struct's pointer
				// address, whose hex digits are not card digits.
				if n := countASCIIDigits(pointerAddr.ReplaceAllString(out, "")); n > 4 {
					t.Errorf("%s shows more than four digits: %s", v, redactDigits(out))
				}
				check(t, v+" of a pointer", fmt.Sprintf(v, &c))
			}
			check(t, "Sprint", fmt.Sprint(c))
			check(t, "Sprintln", fmt.Sprintln(c, c))
			check(t, "String", c.String())
			check(t, "GoString", c.GoString())
			check(t, "an error wrapping it", fmt.Errorf("paying with %v: %w", c, errors.New("declined")).Error())
			if c.String() != c.Masked() || c.GoString() != c.Masked() || fmt.Sprintf("%v", c) != c.Masked() {
				t.Errorf("String, GoString and %%v are not all the masked form %q", c.Masked())
			}
		})
		t.Run(tc.name+" prints masked inside structs", func(t *testing.T) {
			rep, _, err := CheckCard(tc.number, "12/30", fixedNow)
			if err != nil {
				t.Fatal(err)
			}
			hidden := struct {
				c    CardNumber
				name string
			}{c, "shopper"}
			exported := struct {
				Card  CardNumber
				Cards []CardNumber
				Ptr   *CardNumber
				Map   map[string]CardNumber
			}{c, []CardNumber{c, c}, &c, map[string]CardNumber{"k": c}}
			for _, v := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x"} {
				outs := map[string]string{
					"a CardReport":  fmt.Sprintf(v, rep),
					"a *CardReport": fmt.Sprintf(v, &rep),
					"a struct with the card in an unexported field":       fmt.Sprintf(v, hidden),
					"a struct with the card in slices, maps and pointers": fmt.Sprintf(v, exported),
				}
				for what, out := range outs {
					if v == "%d" || v == "%x" {
						// These print the pointers fmt cannot call methods on as bare numbers,
						// which could hold any six digits by chance; the whole number cannot.
						if strings.Contains(out, digits) {
							t.Errorf("%s of %s leaks the number: %s", v, what, redactDigits(out))
						}
						continue
					}
					check(t, v+" of "+what, out)
				}
			}
		})
		t.Run(tc.name+" marshals masked", func(t *testing.T) {
			rep, res, err := CheckCard(tc.number, "12/30", fixedNow)
			if err != nil {
				t.Fatal(err)
			}
			for what, v := range map[string]any{"the card": c, "a pointer": &c, "the report": rep, "the result": res, "a slice": []CardNumber{c}} {
				j, err := json.Marshal(v)
				if err != nil {
					t.Fatalf("json of %s: %v", what, err)
				}
				check(t, "json of "+what, string(j))
			}
			j, _ := json.Marshal(c)
			if want, _ := json.Marshal(c.Masked()); !bytes.Equal(j, want) {
				t.Errorf("json = %s, want %s", j, want)
			}
			text, err := c.MarshalText()
			if err != nil || string(text) != c.Masked() {
				t.Errorf("MarshalText = %q, %v; want %q", text, err, c.Masked())
			}
			x, err := xml.Marshal(struct {
				XMLName xml.Name   `xml:"payment"`
				Card    CardNumber `xml:"card"`
			}{Card: c})
			if err != nil {
				t.Fatalf("xml: %v", err)
			}
			check(t, "xml", string(x))
		})
		t.Run(tc.name+" logs masked through slog", func(t *testing.T) {
			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, nil)).Info("paying", "card", c, "ptr", &c)
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("paying", "card", c, slog.Any("any", c))
			check(t, "slog", buf.String())
			if !strings.Contains(buf.String(), c.Masked()) {
				t.Errorf("slog output does not show the masked form: %s", redactDigits(buf.String()))
			}
		})
	}
}

func TestParseCardNumberRefusesWithoutEchoingDigits(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  error
	}{
		{"nothing at all is refused", "", errCardEmpty},
		{"only spaces are refused", "   \t ", errCardEmpty},
		{"only dashes are refused", "- - --", errCardNoDigits},
		{"a letter among the digits is refused", "4242 4242 4242 424x", errCardChars},
		{"dots between groups are refused", "4242.4242.4242.4242", errCardChars},
		{"a slash is refused", "4242/4242/4242/4242", errCardChars},
		{"full-width digits are refused", "４２４２４２４２４２４２４２４２", errCardChars},
		{"an expiry typed into the number field is refused", "12/27", errCardChars},
		{"PayPal's 11-digit Dankort is too short", "76009244561", errCardShort},
		{"eleven digits with spaces are too short", "4242 4242 424", errCardShort},
		{"twenty digits are too long", "4242 4242 4242 4242 4242", errCardLong},
		{"a security code typed alone is too short", "737", errCardShort},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCardNumber(tc.input)
			if err == nil {
				t.Fatalf("parsed; want an error (masked: %s)", c)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error = %q, want %q", err, tc.want)
			}
			if n := countASCIIDigits(err.Error()); n > 0 {
				t.Errorf("error has %d digits in it: %s", n, redactDigits(err.Error()))
			}
			if !c.IsZero() {
				t.Errorf("a failed parse returned a non-zero card")
			}
			_, res, cerr := CheckCard(tc.input, "", fixedNow)
			if cerr == nil || res.Outcome != "unreadable" || res.Status != StatusProblem {
				t.Errorf("CheckCard = %s/%s, %v; want unreadable/problem and an error", res.Outcome, res.Status, cerr)
			}
			for _, out := range []string{res.Summary, res.Detail, res.Next} {
				if countASCIIDigits(out) > 0 {
					t.Errorf("unreadable result has digits in it: %s", redactDigits(out))
				}
			}
		})
	}
}

func TestParseCardNumberAcceptsCommonTyping(t *testing.T) {
	const want = "4242424242424242"
	cases := []struct{ name, input string }{
		{"plain digits", "4242424242424242"},
		{"groups of four with spaces", "4242 4242 4242 4242"},
		{"groups with dashes", "4242-4242-4242-4242"},
		{"spaces around", "  4242 4242 4242 4242\n"},
		{"double spaces and a tab", "4242  4242\t4242 4242"},
		{"no-break spaces from a copied page", "4242\u00a04242\u00a04242\u00a04242"},
		{"en dashes from a document", "4242\u20134242\u20134242\u20134242"},
	}
	for _, tc := range cases {
		t.Run(tc.name+" is read", func(t *testing.T) {
			c, err := ParseCardNumber(tc.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if c.Digits() != want {
				t.Errorf("the digits are not the typed ones (masked: %s)", c)
			}
		})
	}
}

func TestTheZeroCardNumberIsSafe(t *testing.T) {
	var c CardNumber
	if !c.IsZero() || c.Brand() != BrandUnknown || c.Last4() != "" || c.Len() != 0 || c.LuhnValid() || c.LengthValid() || c.Digits() != "" || c.Grouped() != "" {
		t.Errorf("zero CardNumber is not empty: %+v", c)
	}
	if got := fmt.Sprintf("%v|%s|%#v", c, c, c); got != "no card number|no card number|no card number" {
		t.Errorf("zero CardNumber prints %q", got)
	}
	var nilPtr *CardNumber
	if got := fmt.Sprint(nilPtr); got != "<nil>" {
		t.Errorf("nil *CardNumber prints %q", got)
	}
}

func TestFormatHonoursWidth(t *testing.T) {
	c, _ := ParseCardNumber("4242 4242 4242 4242")
	for _, tc := range []struct{ name, format, want string }{
		{"right-aligned to a width", "[%20v]", "[    Visa ending 4242]"},
		{"left-aligned with the minus flag", "[%-20s]", "[Visa ending 4242    ]"},
		{"quoted with q", "%q", `"Visa ending 4242"`},
		{"not truncated by a precision", "%.4s", "Visa ending 4242"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprintf(tc.format, c); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLuhn(t *testing.T) {
	cases := []struct {
		name   string
		digits string
		want   bool
	}{
		{"the textbook example passes", "79927398713", true},
		{"the textbook example with its check digit changed fails", "79927398710", false},
		{"a single zero passes", "0", true},
		{"an empty string fails", "", false},
		{"a letter fails", "4242x", false},
		{"a space fails: Luhn wants bare digits", "4242 4242 4242 4242", false},
		{"an odd count of digits is handled", "4222222222222", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Luhn(tc.digits); got != tc.want {
				t.Errorf("Luhn = %t, want %t", got, tc.want)
			}
		})
	}
}

func TestDetectBrandAtRangeEdges(t *testing.T) {
	zeros := func(prefix string, n int) string { return prefix + strings.Repeat("0", n-len(prefix)) }
	cases := []struct {
		name   string
		digits string
		want   Brand
	}{
		{"nothing is unknown", "", BrandUnknown},
		{"4 is Visa", "4", BrandVisa},
		{"1 is unknown", "1", BrandUnknown},
		{"7 is unknown", "7", BrandUnknown},
		{"9 is unknown", "9", BrandUnknown},
		{"2 alone is not enough to tell Mir from Mastercard", "2", BrandUnknown},
		{"2200 is Mir", "2200", BrandMir},
		{"2204 is Mir", "2204", BrandMir},
		{"2205 is unknown", "2205", BrandUnknown},
		{"2220 is unknown", "2220", BrandUnknown},
		{"2221 is Mastercard", "2221", BrandMastercard},
		{"2720 is Mastercard", "2720", BrandMastercard},
		{"2721 is unknown", "2721", BrandUnknown},
		{"50 is Maestro", "50", BrandMaestro},
		{"5018 is Maestro", "5018", BrandMaestro},
		{"51 is Mastercard", "51", BrandMastercard},
		{"55 is Mastercard", "55", BrandMastercard},
		{"56 is Maestro", "56", BrandMaestro},
		{"58 is Maestro", "58", BrandMaestro},
		{"5893 is Maestro", "5893", BrandMaestro},
		{"59 is unknown", "59", BrandUnknown},
		{"34 is Amex", "34", BrandAmex},
		{"37 is Amex", "37", BrandAmex},
		{"35 alone is unknown", "35", BrandUnknown},
		{"3527 is unknown", "3527", BrandUnknown},
		{"3528 is JCB", "3528", BrandJCB},
		{"3589 is JCB", "3589", BrandJCB},
		{"3590 is unknown", "3590", BrandUnknown},
		{"300 is Diners", "300", BrandDiners},
		{"305 is Diners", "305", BrandDiners},
		{"306 is unknown", "306", BrandUnknown},
		{"3095 is Diners", "3095", BrandDiners},
		{"3096 is unknown", "3096", BrandUnknown},
		{"36 is Diners", "36", BrandDiners},
		{"38 is Diners", "38", BrandDiners},
		{"39 is Diners", "39", BrandDiners},
		{"6 alone falls to Maestro's catch-all", "6", BrandMaestro},
		{"6011 is Discover", "6011", BrandDiscover},
		{"6012 falls to Maestro's catch-all", "6012", BrandMaestro},
		{"643 falls to Maestro's catch-all", "643", BrandMaestro},
		{"644 is Discover", "644", BrandDiscover},
		{"649 is Discover", "649", BrandDiscover},
		{"65 is Discover", "65", BrandDiscover},
		{"62 is UnionPay", "62", BrandUnionPay},
		{"622125, just below the co-branded range, is UnionPay", "622125", BrandUnionPay},
		{"622126, the co-branded range's start, is UnionPay not Discover", "622126", BrandUnionPay},
		{"622925, the co-branded range's end, is UnionPay not Discover", "622925", BrandUnionPay},
		{"6304 is Maestro", "6304", BrandMaestro},
		{"6759 is Maestro", "6759", BrandMaestro},
		{"6763 is Maestro", "6763", BrandMaestro},
		{"81 alone is unknown until the number is long enough", "81", BrandUnknown},
		{"81 with 15 digits is unknown", zeros("81", 15), BrandUnknown},
		{"81 with 16 digits is UnionPay", zeros("81", 16), BrandUnionPay},
		{"81 with 19 digits is UnionPay", zeros("81", 19), BrandUnionPay},
		{"81 with 20 digits is unknown", zeros("81", 20), BrandUnknown},
		{"separators are ignored", "22-21 00", BrandMastercard},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectBrand(tc.digits); got != tc.want {
				t.Errorf("DetectBrand = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestIINRangesDoNotContradictEachOther(t *testing.T) {
	for i, a := range iinRanges {
		if len(a.lo) != len(a.hi) || a.lo > a.hi || keepDigits(a.lo+a.hi) != a.lo+a.hi {
			t.Errorf("range %d (%s) is malformed: %s-%s", i, a.brand, a.lo, a.hi)
		}
		for j, b := range iinRanges[i+1:] {
			if len(a.lo) == len(b.lo) && a.brand != b.brand && a.lo <= b.hi && b.lo <= a.hi {
				t.Errorf("ranges %d and %d overlap at the same length with different brands (%s, %s)", i, i+1+j, a.brand, b.brand)
			}
		}
	}
}

func TestBrandTitles(t *testing.T) {
	want := map[Brand]string{
		BrandVisa: "Visa", BrandMastercard: "Mastercard", BrandAmex: "American Express", BrandDiscover: "Discover",
		BrandJCB: "JCB", BrandDiners: "Diners Club", BrandUnionPay: "UnionPay", BrandMaestro: "Maestro",
		BrandMir: "Mir", BrandUnknown: "Card", Brand("something-new"): "Card",
	}
	for b, title := range want {
		if got := b.Title(); got != title {
			t.Errorf("%s.Title() = %q, want %q", b, got, title)
		}
	}
}

func TestGroupDigitsForTheInputField(t *testing.T) {
	// Failures report group sizes only, never the digits.
	cases := []struct {
		name   string
		input  string
		groups []int
	}{
		{"nothing typed shows nothing", "", nil},
		{"a Visa groups in fours", "4242424242424242", []int{4, 4, 4, 4}},
		{"a partly typed Visa groups as far as it goes", "424242", []int{4, 2}},
		{"an American Express groups 4-6-5", "378282246310005", []int{4, 6, 5}},
		{"a partly typed Amex follows 4-6-5", "3782822", []int{4, 3}},
		{"a 14-digit Diners groups 4-6-4", "36227206271667", []int{4, 6, 4}},
		{"a 16-digit Diners groups in fours", "3056930009020004", []int{4, 4, 4, 4}},
		{"a 19-digit UnionPay groups in fours", "6205500000000000004", []int{4, 4, 4, 4, 3}},
		{"a 13-digit Visa groups in fours", "4222222222222", []int{4, 4, 4, 1}},
		{"spaces, dashes and letters typed are dropped", "4242-42x4 2", []int{4, 4}},
		{"an unknown brand groups in fours", "1000000000000008", []int{4, 4, 4, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := GroupDigits(tc.input)
			var sizes []int
			for _, g := range strings.Fields(got) {
				sizes = append(sizes, len(g))
			}
			if fmt.Sprint(sizes) != fmt.Sprint(tc.groups) {
				t.Errorf("groups = %v, want %v", sizes, tc.groups)
			}
			if strings.ReplaceAll(got, " ", "") != keepDigits(tc.input) {
				t.Errorf("grouping changed the digits")
			}
			if strings.Count(got, " ") != max(len(tc.groups)-1, 0) {
				t.Errorf("groups are not separated by single spaces")
			}
		})
	}
	c, _ := ParseCardNumber("3782-822463-10005")
	if c.Grouped() != GroupDigits(c.Digits()) {
		t.Errorf("Grouped() differs from GroupDigits of the same digits")
	}
}

func TestCheckCard(t *testing.T) {
	const (
		visa        = "4242 4242 4242 4242"
		visaTypo    = "4242 4242 4242 4241"
		visaShort   = "4242 4242 4242 424"
		unionPayBad = "6200 0000 0000 0006"
	)
	cases := []struct {
		name          string
		number        string
		expiry        string
		outcome       string
		status        Status
		summary       string // exact when set
		summaryHas    string
		warnings      int
		expiryPresent bool
	}{
		{name: "a good number with no expiry is ok", number: visa, outcome: "ok", status: StatusOK,
			summary: "The card number looks right: Visa ending 4242."},
		{name: "a good number with a good expiry is ok", number: visa, expiry: "12/27", outcome: "ok", status: StatusOK,
			summary: "The card number looks right: Visa ending 4242.", expiryPresent: true},
		{name: "a blank expiry counts as none given", number: visa, expiry: "   ", outcome: "ok", status: StatusOK},
		{name: "a typo in the number fails Luhn", number: visaTypo, outcome: "luhn_failed", status: StatusProblem,
			summary: "The card number has a typo: the digits don't add up the way a real card's do. Check each digit against your card."},
		{name: "a dropped digit is the wrong length", number: visaShort, outcome: "wrong_length", status: StatusProblem,
			summaryHas: "has 15 digits, but Visa card numbers have 13, 16 or 19"},
		{name: "an Amex with an extra digit names Amex's length", number: "3782 822463 100051", outcome: "wrong_length", status: StatusProblem,
			summaryHas: "American Express card numbers have 15."},
		{name: "a good number with a past expiry is expired", number: visa, expiry: "03/24", outcome: "expired", status: StatusProblem,
			summary: "The card has expired: the month printed on it has passed.", expiryPresent: true},
		{name: "a good number with an unreadable expiry is bad_expiry", number: visa, expiry: "13/25", outcome: "bad_expiry", status: StatusProblem,
			summaryHas: "the month must be from 01 to 12"},
		{name: "an expiry decades away is bad_expiry as a warning", number: visa, expiry: "12/52", outcome: "bad_expiry", status: StatusWarning,
			summaryHas: "more than 20 years away", warnings: 1, expiryPresent: true},
		{name: "a UnionPay number failing Luhn is only a warning", number: unionPayBad, outcome: "unionpay_warning", status: StatusWarning,
			summaryHas: "UnionPay ending 0006", warnings: 1},
		{name: "an expired UnionPay failing Luhn is expired, with the Luhn note kept", number: unionPayBad, expiry: "01/25", outcome: "expired", status: StatusProblem,
			warnings: 1, expiryPresent: true},
		{name: "a typo outranks an expired date, which becomes a warning", number: visaTypo, expiry: "01/25", outcome: "luhn_failed", status: StatusProblem,
			warnings: 1, expiryPresent: true},
		{name: "a wrong length outranks a bad expiry", number: visaShort, expiry: "00/25", outcome: "wrong_length", status: StatusProblem,
			warnings: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, res, err := CheckCard(tc.number, tc.expiry, fixedNow)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if res.Name != "card" {
				t.Errorf("Name = %q, want card", res.Name)
			}
			if res.Outcome != tc.outcome || res.Status != tc.status {
				t.Errorf("outcome/status = %s/%s, want %s/%s", res.Outcome, res.Status, tc.outcome, tc.status)
			}
			if tc.summary != "" && res.Summary != tc.summary {
				t.Errorf("Summary = %q\nwant      %q", res.Summary, tc.summary)
			}
			if !strings.Contains(res.Summary, tc.summaryHas) {
				t.Errorf("Summary = %q, want it to say %q", res.Summary, tc.summaryHas)
			}
			if len(rep.Warnings) != tc.warnings {
				t.Errorf("%d warnings, want %d: %q", len(rep.Warnings), tc.warnings, rep.Warnings)
			}
			if (rep.Expiry != nil) != tc.expiryPresent {
				t.Errorf("Expiry present = %t, want %t", rep.Expiry != nil, tc.expiryPresent)
			}
			if (res.Status == StatusOK) != (res.Next == "") {
				t.Errorf("Next = %q; want a next step exactly when something is off", res.Next)
			}
			if !strings.Contains(res.Detail, "card="+rep.Card.Masked()) || !strings.Contains(res.Detail, "luhn=") {
				t.Errorf("Detail = %q, want the masked card and the Luhn result", res.Detail)
			}
			if leaksCard(res.Detail+res.Summary+res.Next+strings.Join(rep.Warnings, ""), keepDigits(tc.number)) {
				t.Errorf("the result leaks the number")
			}
		})
	}
}

// runSpec runs a registered check over inputs and fails if any Result has an Outcome the spec
// doesn't declare, or if some declared Outcome is never reached, so the list stays exact.
func runSpec(t *testing.T, name string, inputs map[string]map[string]string) {
	t.Helper()
	spec, ok := Lookup(name)
	if !ok {
		t.Fatalf("no check called %q is registered", name)
	}
	seen := map[string]bool{}
	for what, params := range inputs {
		t.Run(name+" with "+what+" returns a declared outcome", func(t *testing.T) {
			for p := range params {
				if !spec.HasParam(p) {
					t.Fatalf("the test passes parameter %q, which the spec doesn't declare", p)
				}
			}
			res := spec.Run(context.Background(), Input{Params: params, Now: fixedNow})
			seen[res.Outcome] = true
			if res.Name != name {
				t.Errorf("Name = %q, want %q", res.Name, name)
			}
			if !spec.HasOutcome(res.Outcome) {
				t.Errorf("outcome %q is not in the spec's Outcomes %v", res.Outcome, spec.Outcomes)
			}
			switch res.Status {
			case StatusOK, StatusWarning, StatusProblem, StatusSkipped:
			default:
				t.Errorf("status %q is not a known status", res.Status)
			}
			if res.Summary == "" || res.Detail == "" {
				t.Errorf("Summary or Detail is empty: %+v", res)
			}
			if n := params["number"]; n != "" && len(keepDigits(n)) >= 12 && leaksCard(res.Summary+res.Detail+res.Next, keepDigits(n)) {
				t.Errorf("the result leaks the card number")
			}
		})
	}
	for _, o := range spec.Outcomes {
		if !seen[o] {
			t.Errorf("%s: no input reached declared outcome %q", name, o)
		}
	}
}

func TestCardSpec(t *testing.T) {
	spec, _ := Lookup("card")
	if len(spec.Params) != 2 || !spec.Params[0].Required || spec.Params[0].Name != "number" || spec.Params[1].Required || spec.Params[1].Name != "expiry" {
		t.Errorf("card params = %+v, want number (required) and expiry (optional)", spec.Params)
	}
	runSpec(t, "card", map[string]map[string]string{
		"a good number":                 {"number": "4242 4242 4242 4242"},
		"a good number and expiry":      {"number": "4242 4242 4242 4242", "expiry": "12/27"},
		"a typo":                        {"number": "4242 4242 4242 4241"},
		"a dropped digit":               {"number": "4242 4242 4242 424"},
		"an expired date":               {"number": "4242 4242 4242 4242", "expiry": "01/20"},
		"an unreadable date":            {"number": "4242 4242 4242 4242", "expiry": "soon"},
		"a far-off date":                {"number": "4242 4242 4242 4242", "expiry": "01/99"},
		"a UnionPay failing Luhn":       {"number": "6200 0000 0000 0006"},
		"letters for a number":          {"number": "my visa"},
		"no parameters at all":          {},
		"an empty number":               {"number": ""},
		"too many digits":               {"number": "4242 4242 4242 4242 4242"},
		"a security code in the number": {"number": "737"},
	})
}

func FuzzParseCardNumber(f *testing.F) {
	for _, seed := range []string{
		"4242 4242 4242 4242", "3782-822463-10005", "6205500000000000004", "", " ", "12/27",
		"4242x", "４２４２", "0000 0000 0000 0000 0000", "8171999927660000", "\u00a04242\u20134242 4242 4242",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCardNumber(s)
		if err != nil {
			if n := countASCIIDigits(err.Error()); n > 0 {
				t.Fatalf("error has %d digits in it", n)
			}
			if !c.IsZero() {
				t.Fatalf("a failed parse returned a non-zero card")
			}
			return
		}
		d := c.Digits()
		if len(d) < 12 || len(d) > 19 || keepDigits(d) != d || d != keepDigits(s) {
			t.Fatalf("Digits() is not the 12 to 19 digits typed (%d digits)", len(d))
		}
		if c.LuhnValid() != Luhn(d) || c.Last4() != d[len(d)-4:] || c.Len() != len(d) {
			t.Fatalf("accessors disagree with the digits (masked: %s)", c)
		}
		if strings.ReplaceAll(c.Grouped(), " ", "") != d {
			t.Fatalf("Grouped() changed the digits (masked: %s)", c)
		}
		j, _ := json.Marshal(c)
		text, _ := c.MarshalText()
		for _, out := range []string{
			c.String(), c.GoString(), c.Masked(), string(j), string(text),
			fmt.Sprintf("%v %+v %#v %s %q %d %x %X %o %b %e %t %p %20v %-8s", c, c, c, c, c, c, c, c, c, c, c, c, c, c, c),
		} {
			if leaksCard(out, d) {
				t.Fatalf("printed form leaks the number: %s", redactDigits(out))
			}
		}
		if countASCIIDigits(c.String()) != 4 {
			t.Fatalf("masked form shows %d digits, want 4", countASCIIDigits(c.String()))
		}
		if _, res, err := CheckCard(s, "", fixedNow); err != nil || leaksCard(res.Summary+res.Detail+res.Next, d) {
			t.Fatalf("CheckCard leaks or fails on a parseable number: %v", err)
		}
	})
}
