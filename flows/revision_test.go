package flows

import (
	"reflect"
	"testing"
)

func TestRevisionsOutliveNewKeys(t *testing.T) {
	type before struct {
		Text string `yaml:"text"`
	}
	type after struct {
		Text    string  `yaml:"text"`
		Example string  `yaml:"example"`
		Given   *bool   `yaml:"given"`
		Steps   []*Node `yaml:"steps"`
	}
	t.Run("a key the format gains, left out, leaves the fingerprint as it was", func(t *testing.T) {
		if a, b := fingerprint(reflect.ValueOf(before{Text: "Hi"})), fingerprint(reflect.ValueOf(after{Text: "Hi"})); a != b {
			t.Errorf("%q became %q", a, b)
		}
	})
	t.Run("a key that is used changes it", func(t *testing.T) {
		if a, b := fingerprint(reflect.ValueOf(after{Text: "Hi"})), fingerprint(reflect.ValueOf(after{Text: "Hi", Example: "x"})); a == b {
			t.Error("the fingerprint did not change")
		}
	})
}
