package checks

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  Money
	}{
		{"a whole number is read", "120", 12000},
		{"two decimals are read", "120.50", 12050},
		{"one decimal is tenths", "$12.5", 1250},
		{"a decimal comma is read", "12,5", 1250},
		{"English thousands and decimals are read", "1,234.50", 123450},
		{"French spaced thousands with a decimal comma are read", "1 234,50", 123450},
		{"German dotted thousands with a decimal comma are read", "1.234,50", 123450},
		{"Swiss apostrophe thousands are read", "CHF 1'234.50", 123450},
		{"no-break-space thousands are read", "1\u00a0234,50", 123450},
		{"narrow no-break-space thousands are read", "1\u202f234,50 €", 123450},
		{"Indian lakh grouping is read", "₹1,23,456.00", 12345600},
		{"several thousands groups are read", "1,234,567.89", 123456789},
		{"several dotted thousands groups are read", "1.234.567,89", 123456789},
		{"spaced millions are read", "1 000 000", 100000000},
		{"a lone comma before three digits is thousands", "1,234", 123400},
		{"a lone dot before three digits is thousands", "1.234", 123400},
		{"two dotted groups with no decimals are thousands", "12.345.678", 1234567800},
		{"a euro sign before is ignored", "€12", 1200},
		{"a euro sign after is ignored", "12 €", 1200},
		{"a currency code after is ignored", "12 EUR", 1200},
		{"a currency code before is ignored", "SEK 300", 30000},
		{"a lower-case currency code is ignored", "usd 5", 500},
		{"a code with a symbol is ignored", "US$ 5", 500},
		{"kr after is ignored", "300 kr", 30000},
		{"a yen sign is ignored", "¥1,000", 100000},
		{"symbols on both ends are ignored", "$12 USD", 1200},
		{"spaces around are trimmed", "  42  ", 4200},
		{"zero is allowed", "0", 0},
		{"five cents are read", "0.05", 5},
		{"a leading decimal point is read", ".5", 50},
		{"leading zeros are fine", "007", 700},
		{"the largest amount is read", "92233720368547758.07", math.MaxInt64},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMoney(tc.input)
			if err != nil {
				t.Fatalf("ParseMoney(%q): %v", tc.input, err)
			}
			if got != tc.want {
				t.Errorf("ParseMoney(%q) = %d, want %d", tc.input, got, tc.want)
			}
		})
	}
}

func TestParseMoneyRefuses(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  error
	}{
		{"nothing", "", errMoneyEmpty},
		{"only spaces", "   ", errMoneyEmpty},
		{"a negative", "-12", errMoneyNegative},
		{"a negative with the sign before the currency", "-€12", errMoneyNegative},
		{"a negative with the sign after the currency", "€-12", errMoneyNegative},
		{"a negative with a real minus sign", "\u22125", errMoneyNegative},
		{"three decimals after a zero", "0.125", errMoneyDecimals},
		{"four decimals", "1.2345", errMoneyDecimals},
		{"three decimals after four digits", "1234,567", errMoneyDecimals},
		{"three decimals after a grouped number", "1.234,567", errMoneyDecimals},
		{"a trailing decimal point", "12.", errMoneyNotANum},
		{"a currency code alone", "EUR", errMoneyNotANum},
		{"a currency sign alone", "$", errMoneyNotANum},
		{"a word for the currency", "12 dollars", errMoneyNotANum},
		{"a letter O for a zero", "1O0", errMoneyNotANum},
		{"scientific notation", "1e5", errMoneyNotANum},
		{"accounting brackets", "(12.00)", errMoneyNotANum},
		{"a plus sign", "+12", errMoneyNotANum},
		{"a trailing minus", "12-", errMoneyNotANum},
		{"words", "about twelve", errMoneyNotANum},
		{"the decimal separator repeated", "1,234,50", errMoneyAmbig},
		{"groups of two", "12 34", errMoneyAmbig},
		{"a doubled separator", "1,,234", errMoneyAmbig},
		{"mixed thousands separators", "1,234 567.00", errMoneyAmbig},
		{"a first group of four", "1234,567.00", errMoneyAmbig},
		{"a space after the decimal point", "12. 50", errMoneyAmbig},
		{"more than an int64 of cents", "92233720368547758.08", errMoneyTooLarge},
		{"twenty digits", "99999999999999999999", errMoneyTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			got, err := ParseMoney(tc.input)
			if err == nil {
				t.Fatalf("ParseMoney(%q) = %s; want an error", tc.input, got)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("ParseMoney(%q) error = %q, want %q", tc.input, err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "amount: ") {
				t.Errorf("error %q does not name the field", err)
			}
		})
	}
}

func TestMoneyString(t *testing.T) {
	cases := []struct {
		m    Money
		want string
	}{
		{0, "0.00"},
		{5, "0.05"},
		{50, "0.50"},
		{1200, "12.00"},
		{99999, "999.99"},
		{100000, "1,000.00"},
		{123450, "1,234.50"},
		{100000000, "1,000,000.00"},
		{-4500, "-45.00"},
		{-5, "-0.05"},
		{math.MaxInt64, "92,233,720,368,547,758.07"},
		{math.MinInt64, "-92,233,720,368,547,758.08"},
	}
	for _, tc := range cases {
		t.Run(tc.want+" is written with commas and two decimals", func(t *testing.T) {
			if got := tc.m.String(); got != tc.want {
				t.Errorf("Money(%d).String() = %q, want %q", int64(tc.m), got, tc.want)
			}
			if tc.m >= 0 {
				if back, err := ParseMoney(tc.m.String()); err != nil || back != tc.m {
					t.Errorf("does not read back: %d, %v", back, err)
				}
			}
		})
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, seed := range []string{"120", "120.50", "1,234.50", "1 234,50", "1.234,50", "€12", "12 EUR", "$12.5", "SEK 300",
		"-12", "0.125", "1,23,456.00", "92233720368547758.07", "92233720368547758.08", "", "(1)", "1'234", "US$"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			var e *entryError
			if !errors.As(err, &e) || e.field != "amount" {
				t.Fatalf("error is not a plain amount error: %v", err)
			}
			return
		}
		if m < 0 {
			t.Fatalf("ParseMoney(%q) = %d, a negative", s, int64(m))
		}
		if back, err := ParseMoney(m.String()); err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %d, which does not read back from %q: %d, %v", s, int64(m), m.String(), back, err)
		}
	})
}

func TestMoneyCurrencyKeepsWhatParseMoneyStrips(t *testing.T) {
	for _, c := range []struct {
		in, lang, mark, code string
		before               bool
	}{
		{"1,234.50 kr", "sv", "kr", "SEK", false},
		{"1,234.50 kr", "en", "kr", "", false},
		{"€199", "en", "€", "EUR", true},
		{"SEK 300", "en", "SEK", "SEK", true},
		{"12 eur", "de", "eur", "EUR", false},
		{"US$ 5", "en", "US$", "USD", true},
		{"$12.5", "en", "$", "", true},
		{"120.50", "en", "", "", false},
	} {
		t.Run(c.in+" in "+c.lang+" is "+c.code, func(t *testing.T) {
			mark, before := MoneyCurrency(c.in)
			if mark != c.mark || before != c.before {
				t.Errorf("MoneyCurrency(%q) = %q, %v; want %q, %v", c.in, mark, before, c.mark, c.before)
			}
			if got := CurrencyCode(mark, c.lang); got != c.code {
				t.Errorf("CurrencyCode(%q, %q) = %q, want %q", mark, c.lang, got, c.code)
			}
		})
	}
}
