package flows

import "strings"

// dropUnset leaves out each line of text that names an optional provider setting (optionalSettings)
// that is not set, neither by the team's config nor by the flow, so "A refund takes {{provider.refund_time}}." is said only when the provider's
// time frame is known and nothing is invented when it is not. A text of one such line becomes "".
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
		key, ok := strings.CutPrefix(ref, "provider.")
		if !ok || !optionalSettings[key] {
			continue
		}
		if v, _ := f.ProviderSetting(key); strings.TrimSpace(v) == "" {
			return true
		}
	}
	return false
}
