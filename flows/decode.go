package flows

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// decoder turns a yaml.Node tree into the format's Go types, strictly: unknown keys, wrong kinds and
// missing required fields all become diagnostics with the line and column they concern, and decoding
// goes on so that one pass reports every problem. The same struct tags drive the JSON Schema.
//
// Tags: `yaml:"name"` names a key; `yaml:"name,required"` must be present; `yaml:"-"` is not a key.
// A slice of pointers tagged `,keyed` reads a mapping whose keys fill each element's ID field, in
// source order.
//
// Positions: given a table (pos), the decoder records there where each struct's mapping, each of its
// keys and each keyed item's name stand, so the format's types carry none. The small files that are
// not flows (flow tests, translations) keep theirs in their own fields instead: a field named Pos of
// type Pos receives the position of the mapping, a field `Keys map[string]Pos` that of each key.
type decoder struct {
	path    string
	pos     *positions // where to record positions; nil: not recorded
	diags   Diagnostics
	nodes   int // decoded values, to bound hostile input
	aliased int // values reached through an alias, bounded much lower: a small file can expand hugely
	inAlias bool
	// listKeys: an unknown key with no near name is told the keys its place takes (small files,
	// whose places take few keys).
	listKeys bool
	// release: each node's YAML is let go as soon as it is decoded, so that a big flow is not held
	// twice, as YAML and as a Flow (issue 15). Only for a file with no aliases, which could point
	// into YAML already let go.
	release bool
}

const (
	maxYAMLNodes    = 2_000_000
	maxAliasedNodes = 10_000
)

func (d *decoder) errorf(n *yaml.Node, code, hint, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{
		Path: d.path, Pos: posOf(n), Severity: SeverityError, Code: code,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

func (d *decoder) warnf(n *yaml.Node, code, hint, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{
		Path: d.path, Pos: posOf(n), Severity: SeverityWarning, Code: code,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// yamlBoolWords are the words YAML 1.1 tools read as booleans when they are not quoted.
var yamlBoolWords = map[string]bool{"yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "true": true, "false": true}

// yesNoWord reports whether s is one of yamlBoolWords, in any case (none is longer than 5 letters).
func yesNoWord(s string) bool {
	return len(s) <= 5 && yamlBoolWords[strings.ToLower(s)]
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Col: n.Column}
}

// kindName describes a YAML node's kind in a writer's words.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of keys"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a single value"
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, what string) {
	if !d.count(n) {
		return
	}
	if n != nil && n.Kind == yaml.AliasNode && !d.inAlias {
		d.inAlias = true
		defer func() { d.inAlias = false }()
	}
	if !d.countAliased(n) {
		return
	}
	n = resolveAlias(n)
	if n == nil || n.Kind == yaml.AliasNode {
		d.errorf(n, CodeWrongType, "", "%s: aliases that point to aliases are not allowed", what)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), what)
	case reflect.Struct:
		d.decodeStruct(n, v, what)
	case reflect.String:
		d.decodeString(n, v, what)
	case reflect.Bool:
		d.decodeBool(n, v, what)
	case reflect.Int, reflect.Int64:
		d.decodeInt(n, v, what)
	case reflect.Slice:
		d.decodeSlice(n, v, what)
	case reflect.Map:
		d.decodeMap(n, v, what)
	default:
		panic("flows: no decoder for " + v.Type().String())
	}
}

// count bounds the values a file may hold; past the bound it says so once and decodes no more.
func (d *decoder) count(n *yaml.Node) bool {
	d.nodes++
	if d.nodes <= maxYAMLNodes {
		return true
	}
	if d.nodes == maxYAMLNodes+1 {
		d.errorf(n, CodeTooLarge, "split the flow into smaller files", "the file has more than %d values; a flow never needs that many", maxYAMLNodes)
	}
	return false
}

// countAliased bounds, much lower, the values reached through an alias: a small file can expand hugely.
func (d *decoder) countAliased(n *yaml.Node) bool {
	if !d.inAlias {
		return true
	}
	d.aliased++
	if d.aliased <= maxAliasedNodes {
		return true
	}
	if d.aliased == maxAliasedNodes+1 {
		d.errorf(n, CodeTooLarge, "write the repeated part out, or use fewer aliases", "the file's aliases (*name) expand to more than %d values; a flow never needs that many", maxAliasedNodes)
	}
	return false
}

func (d *decoder) decodeString(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, CodeWrongType, "", "%s should be text, not %s", what, kindName(n))
		return
	}
	if n.Style == 0 && yesNoWord(n.Value) {
		d.warnf(n, CodeYesNo, fmt.Sprintf("write \"%s\" in quotes", n.Value),
			"%s is an unquoted %s: unstuck reads it as the word, but many YAML tools read it as true or false", what, n.Value)
	}
	v.SetString(n.Value)
}

// plainText reports whether n is text decodeString takes as it is, with nothing to say of it (and
// not reached through an alias, which is counted apart).
func (d *decoder) plainText(n *yaml.Node) bool {
	return !d.inAlias && n.Kind == yaml.ScalarNode && n.Tag != "!!null" && (n.Style != 0 || !yesNoWord(n.Value))
}

func (d *decoder) decodeBool(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, CodeWrongType, "", "%s should be true or false, not %s", what, kindName(n))
		return
	}
	switch strings.ToLower(n.Value) {
	case "true", "yes", "on":
		v.SetBool(true)
	case "false", "no", "off":
		v.SetBool(false)
	default:
		d.errorf(n, CodeWrongType, "write true or false", "%s should be true or false, not %q", what, clip(n.Value))
	}
}

func (d *decoder) decodeInt(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, CodeWrongType, "", "%s should be a whole number, not %s", what, kindName(n))
		return
	}
	i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
	if err != nil {
		d.errorf(n, CodeWrongType, "", "%s should be a whole number, not %q", what, clip(n.Value))
		return
	}
	v.SetInt(i)
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeWrongType, "", "%s should be a set of keys, not %s", what, kindName(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, CodeWrongType, "", "%s: keys must be plain names", what)
			continue
		}
		if v.MapIndex(reflect.ValueOf(k.Value)).IsValid() {
			d.errorf(k, CodeDuplicateID, "remove one of them", "%s has the key %q twice", what, clip(k.Value))
			continue
		}
		ev := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, ev, what+"."+k.Value)
		v.SetMapIndex(reflect.ValueOf(k.Value), ev)
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" && v.Type().Elem().Kind() == reflect.String {
		// A single line where a list of lines is allowed: take it as a list of one.
		v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), reflect.ValueOf(n.Value)))
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, CodeWrongType, "start each item with \"- \"", "%s should be a list, not %s", what, kindName(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	texts := v.Type().Elem().Kind() == reflect.String
	for i, item := range n.Content {
		if texts && d.plainText(item) { // as in decodeStruct
			if d.count(item) {
				s.Index(i).SetString(item.Value)
			}
			continue
		}
		d.decode(item, s.Index(i), what+"["+strconv.Itoa(i+1)+"]")
	}
	v.Set(s)
}

type fieldInfo struct {
	index    int
	key      string
	required bool
	keyed    bool
	shape    string // the field's `shape` tag: the hint for a value of the wrong type
}

// structInfo is what decoding needs to know of a struct type, worked out once per type.
type structInfo struct {
	fields  []fieldInfo
	byKey   map[string]int // key -> index into fields
	posIdx  int            // the Pos field, or -1
	keysIdx int            // the Keys field, or -1
}

var structInfos sync.Map // reflect.Type -> *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{fields: structFields(t), byKey: map[string]int{}, posIdx: -1, keysIdx: -1}
	for i, f := range si.fields {
		si.byKey[f.key] = i
	}
	if f, ok := t.FieldByName("Pos"); ok && f.Type == reflect.TypeOf(Pos{}) && len(f.Index) == 1 {
		si.posIdx = f.Index[0]
	}
	if f, ok := t.FieldByName("Keys"); ok && f.Type == reflect.TypeOf(map[string]Pos{}) && len(f.Index) == 1 {
		si.keysIdx = f.Index[0]
	}
	structInfos.Store(t, si)
	return si
}

func structFields(t reflect.Type) []fieldInfo {
	var fs []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		parts := strings.Split(tag, ",")
		fi := fieldInfo{index: i, key: parts[0], shape: f.Tag.Get("shape")}
		for _, p := range parts[1:] {
			switch p {
			case "required":
				fi.required = true
			case "keyed":
				fi.keyed = true
			}
		}
		fs = append(fs, fi)
	}
	return fs
}

// mapKeysAt records where each key of a map-valued field stands, as "answers.amount", so that a
// later check (a test case's answers) can point at the key itself.
func mapKeysAt(keys map[string]Pos, field string, fv reflect.Value, val *yaml.Node) {
	if fv.Kind() != reflect.Map || val.Kind != yaml.MappingNode {
		return
	}
	for j := 0; j+1 < len(val.Content); j += 2 {
		keys[field+"."+val.Content[j].Value] = posOf(val.Content[j])
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, what string) {
	si := infoOf(v.Type())
	// Recorded first, so that an empty item still has a place for the diagnostics about it.
	if si.posIdx >= 0 {
		v.Field(si.posIdx).Set(reflect.ValueOf(posOf(n)))
	}
	var part *partPos
	if d.pos != nil && v.CanAddr() {
		part = d.pos.part(v.Addr().Interface())
		part.at = posOf(n)
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeWrongType, "", "%s should be a set of keys, not %s", what, kindName(n))
		return
	}
	var keys map[string]Pos
	if si.keysIdx >= 0 {
		keys = make(map[string]Pos, len(n.Content)/2)
		v.Field(si.keysIdx).Set(reflect.ValueOf(keys))
	}
	if part != nil {
		part.keys = make([]keyAt, 0, len(n.Content)/2)
	}
	fields := si.fields
	seen := newFieldSet(len(fields))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, CodeWrongType, "", "%s: keys must be plain names", what)
			continue
		}
		idx, known := si.byKey[k.Value]
		if !known {
			d.unknownKey(n, i, fields, what)
			continue
		}
		fi := &fields[idx]
		if seen.has(idx) {
			d.errorf(k, CodeDuplicateID, "remove one of them", "%s has the key %q twice", what, k.Value)
			continue
		}
		seen.add(idx)
		if keys != nil {
			keys[k.Value] = posOf(val)
			mapKeysAt(keys, k.Value, v.Field(fi.index), val)
		}
		if part != nil {
			part.keys = append(part.keys, keyAt{key: k.Value, line: int32(val.Line), col: int32(val.Column)})
		}
		fv := v.Field(fi.index)
		if fv.Kind() == reflect.String && d.plainText(val) {
			// The common case, a plain text, is set here, so that what it is called in a message
			// is not made for every value of a big file (the rest as decodeString).
			if d.count(val) {
				fv.SetString(val.Value)
			}
			continue
		}
		if fi.keyed {
			d.decodeKeyed(resolveAlias(val), fv, what+"."+k.Value)
			continue
		}
		before := len(d.diags)
		d.decode(val, fv, what+"."+k.Value)
		// A value of the wrong type is told the shape its key takes, when the field says (a `shape`
		// tag, on fields that hold no structs): in a small file, instead of the general hint.
		if shape := fi.shape; shape != "" {
			for i := before; i < len(d.diags); i++ {
				if d.diags[i].Code == CodeWrongType && (d.diags[i].Hint == "" || d.listKeys) {
					d.diags[i].Hint = shape
				}
			}
		}
	}
	for idx, fi := range fields {
		if fi.required && !seen.has(idx) {
			d.errorf(n, CodeMissingField, fmt.Sprintf("add `%s:`", fi.key), "%s needs %q", what, fi.key)
		}
	}
}

// fieldSet is the fields of a struct given so far, by number: a word of bits for a struct of up to
// 64 fields (every one of the format's), with no allocation per mapping decoded.
type fieldSet struct {
	bits uint64
	more []bool // for a struct of more fields
}

func newFieldSet(fields int) fieldSet {
	if fields > 64 {
		return fieldSet{more: make([]bool, fields)}
	}
	return fieldSet{}
}

func (s *fieldSet) has(i int) bool {
	if s.more != nil {
		return s.more[i]
	}
	return s.bits&(1<<i) != 0
}

func (s *fieldSet) add(i int) {
	if s.more != nil {
		s.more[i] = true
		return
	}
	s.bits |= 1 << i
}

// unknownKey tells of the key at n.Content[i], which the struct does not have: a comma in a `{ }`
// label that split it, a key like it, or (in a small file) the keys there are.
func (d *decoder) unknownKey(n *yaml.Node, i int, fields []fieldInfo, what string) {
	if d.commaInValue(n, i, what) {
		return
	}
	k := n.Content[i]
	hint := suggest(k.Value, fieldKeys(fields))
	if hint == "" && d.listKeys {
		hint = keysHint(fields)
	}
	d.errorf(k, CodeUnknownKey, hint, "%s has no key %q", what, clip(k.Value))
}

// partsPerItem is about how many parts (the node, its options, branches, conditions, input) each
// item of a keyed mapping brings to the positions table, to make room for them at once.
const partsPerItem = 3

// decodeKeyed reads a mapping of id -> item into a slice of pointers, keeping source order.
func (d *decoder) decodeKeyed(n *yaml.Node, v reflect.Value, what string) {
	elem := v.Type().Elem().Elem()
	item := strings.ToLower(elem.Name()) // what each item is called: node, value
	if n == nil || n.Kind != yaml.MappingNode {
		d.errorf(n, CodeWrongType, "write each "+item+" as `id:` followed by its keys", "%s should be a set of named %ss, not %s", what, item, kindName(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), 0, len(n.Content)/2)
	if d.pos != nil {
		d.pos.expect(len(n.Content) / 2 * partsPerItem)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.errorf(k, CodeWrongType, "", "%s: each %s needs a plain name", what, item)
			continue
		}
		p := reflect.New(elem)
		p.Elem().FieldByName("ID").SetString(k.Value)
		if d.pos != nil {
			pp := d.pos.part(p.Interface())
			pp.name, pp.named = posOf(k), true
		}
		d.decode(val, p.Elem(), item+" "+strconv.Quote(clip(k.Value)))
		s = reflect.Append(s, p)
		if d.release {
			n.Content[i], n.Content[i+1] = nil, nil
		}
	}
	v.Set(s)
}

func fieldKeys(fs []fieldInfo) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

// clip shortens a value quoted back in a message, so a hostile file cannot flood the output.
// Clip makes text from a file safe and short for a message: no control or escape sequences, at
// most 40 characters.
func Clip(s string) string { return clip(s) }

func clip(s string) string { return clipTo(s, 40) }

// clipTo is s sanitized and cut to n runes, with … when cut.
func clipTo(s string, n int) string {
	s = Sanitize(s)
	if len(s) <= n { // no more characters than bytes
		return s
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// DecodeFile decodes a small YAML file (a flow test, an answers file) strictly into target, as a flow
// is decoded: unknown keys are errors, every problem a diagnostic with its position. check, when
// given, adds the problems of the document as a whole, whose position it is given.
func DecodeFile(path string, data []byte, target any, what string, emptyOK bool, check func(doc Pos) Diagnostics) Diagnostics {
	return DecodeSmallFile(path, data, target, SmallFile{What: what, EmptyOK: emptyOK, Check: check})
}

// decodeFile decodes a small YAML file (flow tests, answers, translations) strictly into target,
// a pointer to a struct; check, when set, adds problems that need the decoded value. An empty
// document decodes to nothing when emptyOK, else it is an error.
func decodeFile(path string, data []byte, target any, what string, emptyOK bool, check func(d *decoder, root *yaml.Node)) Diagnostics {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := splitYAMLError(err.Error())
		at, hint := syntaxPos(data, msg, line)
		return Diagnostics{{Path: path, Pos: at, Severity: SeverityError, Code: CodeSyntax, Message: "this is not valid YAML: " + clipLong(Sanitize(msg)), Hint: hint}}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		if emptyOK {
			return nil
		}
		return Diagnostics{{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "the file is empty"}}
	}
	d := &decoder{path: path}
	d.decode(root.Content[0], reflect.ValueOf(target).Elem(), what)
	if check != nil {
		check(d, root.Content[0])
	}
	return d.diags.Sort()
}
