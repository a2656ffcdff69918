package flows

import (
	"strings"

	"github.com/unstuck-dev/unstuck/checks"
)

// The summary's own words and the plain lines of check results, in the languages unstuck speaks.
// Flows bring their own translations (translation files); these are the words around them. A
// message's key is its English text; each language's file (locale_sv.go, ...) adds a catalog.

// catalogs maps a language tag to its messages, by English text or message key.
var catalogs = map[string]map[string]string{}

// AddCatalog adds messages for a language (each package's locale files call it in init).
func AddCatalog(lang string, messages map[string]string) {
	lang = strings.ToLower(NormalizeLang(lang))
	if catalogs[lang] == nil {
		catalogs[lang] = map[string]string{}
	}
	for k, v := range messages {
		catalogs[lang][k] = v
	}
}

// Word translates an English text of the summary into lang, falling back to English.
func Word(lang, english string) string {
	for _, l := range LangChain(lang, "en") {
		if c := catalogs[strings.ToLower(l)]; c != nil {
			if w, ok := c[english]; ok && w != "" {
				return w
			}
		}
	}
	return english
}

// SummaryWords are the English texts of the summary's frame, to be translated in each catalog.
var SummaryWords = []string{
	"Support summary from unstuck", "Problem", "Result", "not finished", "Reference", "case",
	"What happened", "Details", "Checked", "Already tried", "Question for support", "Notes from support staff",
	"Technical", "(%d less important lines were left out to keep this short.)",
	"Support summary", "Case", "Transcript", "Flow", "Started", "Took", "time", "step", "node", "answer or result",
	"(read)", "(current step)", "note", "end", "(given, not shown)", "(skipped)", "(not answered)",
	"OK", "WARNING", "PROBLEM", "SKIPPED",
	"Card number", "Expiry date", "Spending limit", "Internet connection",
}

// InputWords are the engine's messages about typed answers, by their English text (a format).
var InputWords = []string{
	"Pick one of the options, 1 to %d.", "Please type an answer.", "Type an amount, like 120 or 120.50.",
	"Type a whole number, like 3.", "The smallest answer allowed is %s.", "The largest answer allowed is %s.",
	"Please answer yes or no.", "Please type at least %d characters.", "Please keep it under %d characters.",
	"That doesn't look right; check it and try again.", "Type the date as year-month-day, like %s, or type today or yesterday.",
	"That doesn't look like a card number: type the digits printed on the card.", "Type the expiry date as month/year, like 08/27.",
	"Yes", "No", "today", "yesterday", "%s ending %s",
	"That is too many digits for an amount; a card number is never asked for here. Type the amount, like 120.50.",
	"That is too many digits for a number; a card number is never asked for here.",
}

// CheckMessages are the keys of check results' plain lines that catalogs translate: for each check
// and outcome, the sentence for a shopper (.summary) and the next step (.next). The numbers the
// English sentences carry stay in the technical line, which is not translated.
var CheckMessages = map[string]string{
	"check.card.ok.summary":                  "The card number looks right.",
	"check.card.luhn_failed.summary":         "The card number has a typo: the digits don't add up the way a real card's do.",
	"check.card.luhn_failed.next":            "Type the number again, comparing it with your card four digits at a time.",
	"check.card.wrong_length.summary":        "The card number has too many or too few digits for this kind of card.",
	"check.card.wrong_length.next":           "Count the digits on your card and type the number again.",
	"check.card.expired.summary":             "The card has expired: the month printed on it has passed.",
	"check.card.expired.next":                "Use a different card, or ask your bank for a replacement.",
	"check.card.bad_expiry.summary":          "The expiry date doesn't look right.",
	"check.card.bad_expiry.next":             "Type the expiry date as it's printed on your card, month then year, like 08/27.",
	"check.card.unionpay_warning.summary":    "This card doesn't pass the usual check for typos, but many real UnionPay cards don't either.",
	"check.card.unionpay_warning.next":       "Compare the number with your card; if every digit matches, the number is probably fine.",
	"check.card.unreadable.summary":          "That doesn't look like a card number.",
	"check.expiry.ok.summary":                "The expiry date is fine: the card has not expired.",
	"check.expiry.expired.summary":           "The card has expired: the month printed on it has passed.",
	"check.expiry.bad_expiry.summary":        "The expiry date doesn't look right.",
	"check.expiry.too_far.summary":           "The expiry date is more than 20 years away, which is probably a typo.",
	"check.limit.ok.summary":                 "The amount is within your limits.",
	"check.limit.over_limit.summary":         "The amount is more than your available spending limit.",
	"check.limit.over_cap.summary":           "The amount is more than the limit for a single purchase.",
	"check.limit.over_both.summary":          "The amount is more than your available spending limit and the limit for a single purchase.",
	"check.limit.unknown.summary":            "The limits could not be compared, because an amount was missing.",
	"check.connectivity.ok.summary":          "Your connection to the payment site is working.",
	"check.connectivity.proxy.summary":       "A proxy setting on this computer is in the way.",
	"check.connectivity.dns.summary":         "This computer couldn't find the payment site's address.",
	"check.connectivity.tcp.summary":         "This computer couldn't connect to the payment site.",
	"check.connectivity.portal.summary":      "This network wants you to sign in first (a hotel, café or airport Wi-Fi page).",
	"check.connectivity.tls.summary":         "The secure connection to the payment site failed.",
	"check.connectivity.intercepted.summary": "Something on this network is intercepting secure connections. Don't enter card details on this network.",
	"check.connectivity.https.summary":       "The payment site is having trouble.",
	"check.connectivity.clock.summary":       "This computer's clock is wrong, which breaks secure connections.",
	"check.connectivity.slow.summary":        "The payment site answers, but slowly.",
	"check.connectivity.skipped.summary":     "The connection check was skipped.",
	"layer.proxy":                            "Proxy settings",
	"layer.dns":                              "Finding the site",
	"layer.tcp":                              "Connecting",
	"layer.portal":                           "Wi-Fi sign-in page",
	"layer.tls":                              "Secure connection",
	"layer.https":                            "The payment site",
	"layer.clock":                            "This computer's clock",
	"layer.ok":                               "Fine.",
	"layer.problem":                          "A problem was found here.",
	"layer.warning":                          "Something to look at here.",
	"layer.skipped":                          "Skipped.",
}

// LocalizeResult gives a check result's plain lines in lang when a catalog has them; the technical
// line stays as it is, for support staff.
func LocalizeResult(r checks.Result, lang string) checks.Result {
	if isEnglish(lang) {
		return r
	}
	key := "check." + r.Name + "." + r.Outcome
	if w := Word(lang, key+".summary"); w != key+".summary" {
		r.Summary = w
		if n := Word(lang, key+".next"); n != key+".next" {
			r.Next = n
		} else if r.Next != "" {
			r.Next = ""
		}
	}
	return r
}

// LayerName names a connectivity layer in lang.
func LayerName(lang, layer string) string {
	if w := Word(lang, "layer."+layer); w != "layer."+layer {
		return w
	}
	if en, ok := CheckMessages["layer."+layer]; ok {
		return en
	}
	return layer
}

// LocalizeLayer gives a connectivity layer's plain line in lang, by the layer's status, when a
// catalog has it; the technical line stays.
func LocalizeLayer(r checks.Result, lang string) checks.Result {
	if isEnglish(lang) {
		return r
	}
	if w := Word(lang, "layer."+string(r.Status)); w != "layer."+string(r.Status) {
		r.Summary = w
	}
	return r
}

// isEnglish reports whether lang is English, or no language at all (English is the default).
func isEnglish(lang string) bool {
	base := NormalizeLang(lang)
	return base == "" || strings.HasPrefix(base, "en")
}
