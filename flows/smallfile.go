package flows

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SmallFile says how DecodeSmallFile reads a small YAML file that is not a flow (a flow test, an
// answers file).
type SmallFile struct {
	What    string // the file as messages name it: "the test file"
	EmptyOK bool   // an empty document decodes to nothing; else it is an error
	// Rewrite, when set, may reshape the document before it is decoded (an answers file without its
	// `answers:` wrapper); the nodes keep their lines, so diagnostics still point at the file.
	Rewrite func(doc *yaml.Node)
	// Check, when set, adds the problems of the document as a whole, whose position it is given.
	Check func(doc Pos) Diagnostics
}

// DecodeSmallFile decodes a small YAML file strictly into target (a pointer to a struct), as a flow
// is decoded: unknown keys are errors with a did-you-mean, or the keys the place takes when no key is
// near; a value of the wrong type names the shape its key takes (a field's `shape` tag); every
// problem is a diagnostic with its position.
func DecodeSmallFile(path string, data []byte, target any, sf SmallFile) Diagnostics {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Diagnostics{{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "this is not valid YAML: " + clipLong(Sanitize(err.Error()))}}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		if sf.EmptyOK {
			return nil
		}
		return Diagnostics{{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "the file is empty"}}
	}
	doc := root.Content[0]
	if sf.Rewrite != nil {
		sf.Rewrite(doc)
	}
	d := &decoder{path: path, listKeys: true}
	d.decode(doc, reflect.ValueOf(target).Elem(), sf.What)
	if sf.Check != nil {
		d.diags = append(d.diags, sf.Check(posOf(doc))...)
	}
	return d.diags.Sort()
}

// keysHint lists the keys a place takes, for an unknown key with no near name.
func keysHint(fs []fieldInfo) string {
	keys := fieldKeys(fs)
	if len(keys) == 0 {
		return ""
	}
	return fmt.Sprintf("the keys here are %s", strings.Join(keys, ", "))
}
