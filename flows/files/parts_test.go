package files

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A call of a part no file has, beside a parts file that does not load, says that file may hold it
// and why it does not load: the writer fixes the parts file, not the call.
func TestACallOfAPartInABrokenPartsFileNamesThatFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"team.parts.yaml": "parts:\n  greet:\n    start: hi\n    nodes:\n      hi: { kind: message, title: [broken\n",
		"mine.yaml":       "flow: mine\ntitle: Mine\nstart: call\nnodes:\n  call: { kind: call, part: greet, next: done }\n  done: { kind: end, title: Done, outcome: solved, advice: [\"ok\"] }\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, diags := LoadFileWith(filepath.Join(dir, "mine.yaml"), PartsBeside(filepath.Join(dir, "mine.yaml")))
	var hint string
	for _, d := range diags {
		if strings.Contains(d.Message, `runs part "greet"`) {
			hint = d.Hint
		}
	}
	if !strings.Contains(hint, "team.parts.yaml:5:") || !strings.Contains(hint, "not valid YAML") {
		t.Errorf("the call's hint does not name the broken parts file: %q\n%s", hint, diags.Error())
	}
}
