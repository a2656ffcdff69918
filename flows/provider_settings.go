package flows

import "strings"

// dropUnset leaves out each line of text that names an optional provider setting (ProviderSetting)
// that is not set, so "A refund takes {{provider.refund_time}}." is said only when the provider's
// time frame is known and nothing is invented when it is not. A text of one such line becomes "".
// A setting counts as set when the team's settings or the flow's provider: block give it.
func dropUnset(text string, f *Flow) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, line := range lines {
		if !namesUnset(line, f) {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func namesUnset(line string, f *Flow) bool {
	for _, ref := range References(line) {
		if _, optional := (Provider{}).ProviderSetting(ref); !optional {
			continue
		}
		if v, _ := f.ProviderSetting(strings.TrimPrefix(ref, "provider.")); strings.TrimSpace(v) == "" {
			return true
		}
	}
	return false
}
