package flows

import "strings"

// dropUnset leaves out each line of text that names an optional provider setting (ProviderSetting)
// that is not set, so "A refund takes {{provider.refund_time}}." is said only when the provider's
// time frame is known and nothing is invented when it is not. A text of one such line becomes "".
func dropUnset(text string, p Provider) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, line := range lines {
		if !namesUnset(line, p) {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func namesUnset(line string, p Provider) bool {
	for _, ref := range References(line) {
		if v, ok := p.ProviderSetting(ref); ok && strings.TrimSpace(v) == "" {
			return true
		}
	}
	return false
}
