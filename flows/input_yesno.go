package flows

import "strings"

// InputYesNo is yes or no, in English or the flow's language.
const InputYesNo InputType = "yes-no"

func init() {
	defineInput(&inputType{name: InputYesNo, order: 7, parse: parseYesNo,
		sample: func(*InputSpec) string { return "yes" }})
}

func parseYesNo(a typed) (Answer, error) {
	lang := a.lang
	yesWord, noWord := Word(lang, "Yes"), Word(lang, "No")
	yes := Answer{Value: "yes", Display: yesWord}
	no := Answer{Value: "no", Display: noWord}
	// English always works; the flow's language's own words too (ja, nein, sí...).
	y, n := Fold(yesWord), Fold(noWord)
	switch l := Fold(a.input); {
	case l == y || l == string([]rune(y)[:1]) && l != string([]rune(n)[:1]):
		return yes, nil
	case l == n || l == string([]rune(n)[:1]) && l != string([]rune(y)[:1]):
		return no, nil
	}
	switch strings.ToLower(a.input) {
	case "y", "yes", "true", "1":
		return yes, nil
	case "n", "no", "false", "0":
		return no, nil
	}
	return Answer{}, inputErr(lang, "Please answer yes or no.")
}
