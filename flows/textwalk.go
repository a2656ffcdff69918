package flows

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// checkTexts walks a file's YAML once for what every key and value of it is held to, whatever the
// field: no control or escape character (controls, see controlTexts) and no text longer than its
// key allows (limits: each at the value; the tree is walked rather than the decoded fields, so a
// field added to the format is held to a limit too). One walk, with where a value stands kept as a stack of keys
// and worked out into words only for a value that is reported: a big flow has millions of values,
// and walking them twice, or making a record of each one's place, cost a third of a second at
// 100k nodes (issue 15).
func checkTexts(path string, root *yaml.Node) (controls, limits Diagnostics) {
	w := textWalk{path: path}
	w.walk(root, "", 0, "", "", 0)
	return w.controls, w.limits
}

type textWalk struct {
	path             string
	controls, limits Diagnostics
	// at is where the mapping or list being walked stands: each key, or list item number from 1,
	// down from the top. A key that is itself a mapping or list starts a stack of its own.
	at []pathStep
}

type pathStep struct {
	key   string
	index int
}

// where says in words where a value stands: key.key[2].key ("" at the top).
func (w *textWalk) where(steps []pathStep) string {
	var b strings.Builder
	for _, s := range steps {
		switch {
		case s.index > 0:
			fmt.Fprintf(&b, "[%d]", s.index)
		case b.Len() == 0:
			b.WriteString(clip(s.key))
		default:
			b.WriteString(".")
			b.WriteString(clip(s.key))
		}
	}
	return b.String()
}

// walk checks node n, named in its mapping by key or numbered in its list by index (or described
// as fixed, a key that is not a plain name); limitKey is the key whose limit its text is held to
// (a list's items are held to their list's key), depth how deep it is.
func (w *textWalk) walk(n *yaml.Node, key string, index int, fixed, limitKey string, depth int) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if HasControl(n.Value) {
			what := fixed
			if what == "" {
				what = w.where(append(w.at[:len(w.at):len(w.at)], pathStep{key, index}))
			}
			w.controls = append(w.controls, Diagnostic{Path: w.path, Pos: posOf(n), Severity: SeverityError, Code: CodeControlChars,
				Message: orFlow(what) + " contains a control or escape character",
				Hint:    "remove it: a flow is plain text, and such characters could rewrite the shopper's screen or the summary"})
		}
		if depth <= maxNesting+8 && len(n.Value) > MaxNameChars { // bytes first: cheap, and never fewer than the characters
			limit, what := MaxTextChars, "a text"
			if shortKeys[limitKey] {
				limit, what = MaxNameChars, "a name"
			}
			if chars := utf8.RuneCountInString(n.Value); chars > limit {
				w.limits = append(w.limits, Diagnostic{Path: w.path, Pos: posOf(n), Severity: SeverityError, Code: CodeTooLong,
					Message: fmt.Sprintf("this %s is %d characters long; %s (`%s:`) holds at most %d", clipKey(limitKey), chars, what, clipKey(limitKey), limit),
					Hint:    "shorten it: a shopper reads a few sentences at a step; split a long text over several steps"})
			}
		}
	case yaml.MappingNode, yaml.SequenceNode:
		outer := len(w.at)
		if key != "" || index > 0 {
			w.at = append(w.at, pathStep{key, index})
		}
		if n.Kind == yaml.SequenceNode {
			for i, c := range n.Content {
				w.walk(c, "", i+1, "", limitKey, depth+1)
			}
		} else {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, val := n.Content[i], n.Content[i+1]
				switch {
				case k.Kind == yaml.ScalarNode && HasControl(k.Value):
					// Reported as the key of its mapping; its length is held as any value's.
					saved := w.at
					w.at = nil
					w.walk(k, "", 0, "the key "+strconv.Quote(clip(k.Value))+" of "+orFlow(w.where(saved)), "", depth+1)
					w.at = saved
				case k.Kind != yaml.ScalarNode:
					saved := w.at
					w.at = nil
					w.walk(k, "", 0, orFlow(w.where(saved)), "", depth+1)
					w.at = saved
				case len(k.Value) > MaxNameChars: // a plain key, held to a text's length
					w.walk(k, "", 0, "", "", depth+1)
				}
				w.walk(val, k.Value, 0, "", k.Value, depth+1)
			}
		}
		w.at = w.at[:outer]
	case yaml.DocumentNode:
		for _, c := range n.Content {
			w.walk(c, key, index, fixed, limitKey, depth+1)
		}
	}
	// An alias is checked where its anchor stands.
}
