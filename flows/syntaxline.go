package flows

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// syntaxPos finds the line the writer must change for a YAML syntax error. The YAML reader names the
// start of the mapping it was reading when it gave up (for a line indented wrongly, that can be
// `nodes:`, far above), and names it one line early for some errors and not at all for others. The
// line that breaks the file is the last line of its shortest beginning that fails the same way: the
// beginnings are tried from the line the reader named, halving the range each time, so a file of
// n lines is read about log2(n) more times, and only when it is broken.
func syntaxPos(data []byte, problem string, reported int) (Pos, string) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(bytes.Join(lines[:k], nil), &n)
		if err == nil {
			return false
		}
		_, msg := splitYAMLError(err.Error())
		return msg == problem
	}
	lo, hi := max(1, reported-1), len(lines)
	if lo > hi || !fails(hi) {
		return Pos{Line: max(1, reported), Col: 1}, syntaxHint(problem, "")
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	line := string(lines[lo-1])
	return Pos{Line: lo, Col: syntaxCol(line, problem)}, syntaxHint(problem, line)
}

// syntaxCol is the column to point at on a broken line: the tab for a tab, else the first character
// that is not a space.
func syntaxCol(line, problem string) int {
	if strings.Contains(problem, "tab") || leadingTab(line) {
		if i := strings.IndexByte(line, '\t'); i >= 0 {
			return 1 + utf8.RuneCountInString(line[:i])
		}
	}
	trimmed := strings.TrimLeft(line, " ")
	if strings.TrimSpace(trimmed) == "" {
		return 1
	}
	return 1 + len(line) - len(trimmed)
}

// splitYAMLError splits the YAML reader's error into the line it names (0 when none) and the problem.
func splitYAMLError(msg string) (line int, problem string) {
	first := strings.SplitN(msg, "\n", 2)[0]
	m := yamlLine.FindStringSubmatch(first)
	if m == nil {
		return 0, first
	}
	for _, c := range m[1] {
		line = line*10 + int(c-'0')
	}
	return line, m[2]
}

// leadingTab reports whether a line is indented with a tab.
func leadingTab(line string) bool {
	return strings.Contains(line[:len(line)-len(strings.TrimLeft(line, " \t"))], "\t")
}

// syntaxHint is the fix for a YAML problem on a line, in a writer's words.
func syntaxHint(problem, line string) string {
	switch {
	case strings.Contains(problem, "tab"), leadingTab(line):
		return "indent with spaces, not tabs"
	case strings.Contains(problem, "expected ',' or '}'"), strings.Contains(problem, "expected ',' or ']'"):
		return "close the brackets on this line, and put text with a comma or a colon in quotes"
	}
	return "check the indentation and that every `key:` has a space after the colon"
}

// c1At finds the first C1 control character (U+0080 to U+009F), which the YAML reader refuses without
// saying where (or, for U+0085, takes for a line break): its line and column in characters.
func c1At(data []byte) (line, col int, r rune, ok bool) {
	// In UTF-8 a C1 control is 0xc2 then 0x80 to 0x9f, and 0xc2 is never inside another character:
	// only the 0xc2 bytes are looked at, and the column counted in characters for the one found.
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], 0xc2)
		if j < 0 {
			return 0, 0, 0, false
		}
		i += j + 1
		if i < len(data) && data[i] >= 0x80 && data[i] <= 0x9f {
			start := bytes.LastIndexByte(data[:i-1], '\n') + 1
			return 1 + bytes.Count(data[:start], []byte("\n")), 1 + utf8.RuneCount(data[start:i-1]), rune(data[i]), true
		}
	}
}

// commaInValue reports, as the writer's mistake, a key with no value right after a value inside
// { }: in `{label: Yes, they replied, goto: x}` the comma ends the label, and "they replied" reads as
// a key. The yes-no warning the cut-off word may have drawn goes: quoting the label fixes both.
func (d *decoder) commaInValue(m *yaml.Node, i int, what string) bool {
	k, val := m.Content[i], m.Content[i+1]
	if m.Style&yaml.FlowStyle == 0 || i < 2 || val.Kind != yaml.ScalarNode || val.Tag != "!!null" || val.Value != "" {
		return false
	}
	prevKey, prev := m.Content[i-2], m.Content[i-1]
	if prev.Kind != yaml.ScalarNode || prev.Style != 0 || prev.Line != k.Line {
		return false
	}
	whole := prev.Value + ", " + k.Value
	kept := d.diags[:0]
	for _, dg := range d.diags {
		if dg.Code != CodeYesNo || dg.Pos != posOf(prev) {
			kept = append(kept, dg)
		}
	}
	d.diags = kept
	d.errorf(prev, CodeUnknownKey, fmt.Sprintf("put the %s in quotes: %s: %q", clip(prevKey.Value), clip(prevKey.Value), clip(whole)),
		"%s: the comma after %q ends the %s inside { }, so %q reads as a key", what, clip(prev.Value), clip(prevKey.Value), clip(k.Value))
	return true
}
