package flows

import "sync"

// What the loader knows of a flow beyond what the flow says lives here, beside the format's types
// rather than in them: where each part stands in its file, the file's bytes, the nodes by id, the
// distance from each node to an end, and the flow's translations and localized copies. Flow and Node
// say what a flow is; a loaded flow points at one loaded value, built once by Parse and then only
// read (the translations, read on first use, are behind their own lock).

// positions records where each decoded struct stands in its file, keyed by the struct's pointer
// (*Flow, *Node, *Option, *Branch, *Cond, *InputSpec, *Provider): the position of its mapping, of
// each key's value, and for an item of a keyed mapping (a node) of the key that names it.
type positions struct {
	parts map[any]*partPos
	slab  []partPos // records made but not handed out yet, to make them a thousand at a time
	src   []byte    // the file's bytes, to find a {{reference}} inside a value (refAt)
	lines []int     // where each line of src starts, made on first use
}

type partPos struct {
	at    Pos
	name  Pos // the key naming a keyed item; zero for others
	named bool
	keys  []keyAt // in the file's order; a slice, not a map: a big flow has a million of these
}

// keyAt is where the value of one key of a mapping stands.
type keyAt struct {
	key       string
	line, col int32
}

// keyIn finds key among keys.
func keyIn(keys []keyAt, key string) (Pos, bool) {
	for _, k := range keys {
		if k.key == key {
			return Pos{Line: int(k.line), Col: int(k.col)}, true
		}
	}
	return Pos{}, false
}

func newPositions() *positions {
	return &positions{parts: map[any]*partPos{}}
}

// part returns the record for x, making it on first use (the decoder's side).
func (p *positions) part(x any) *partPos {
	pp := p.parts[x]
	if pp == nil {
		if len(p.slab) == 0 {
			p.slab = make([]partPos, 1024)
		}
		pp, p.slab = &p.slab[0], p.slab[1:]
		p.parts[x] = pp
	}
	return pp
}

// expect makes room for about n more records, when the table is small yet (a big flow's nodes are
// about to be decoded), so that it does not grow by doubling to a million entries.
func (p *positions) expect(n int) {
	if n < 1024 || len(p.parts) > 64 {
		return
	}
	parts := make(map[any]*partPos, len(p.parts)+n)
	for k, v := range p.parts {
		parts[k] = v
	}
	p.parts = parts
}

// get returns the record for x, or an empty one (the readers' side).
func (p *positions) get(x any) *partPos {
	if p != nil {
		if pp := p.parts[x]; pp != nil {
			return pp
		}
	}
	return &partPos{}
}

// of is where the mapping of x starts, or the zero Pos when x was not decoded from a file.
func (p *positions) of(x any) Pos { return p.get(x).at }

// key is where the value of key stands in x, or where x starts when the key is not written.
func (p *positions) key(x any, key string) Pos { return p.get(x).keyAt(key) }

// has reports whether key is written in x's mapping (even with an empty value).
func (p *positions) has(x any, key string) bool { return p.get(x).has(key) }

// keyAt is where the value of key stands in the part, or where the part starts when it is not written.
func (pp *partPos) keyAt(key string) Pos {
	if pos, ok := keyIn(pp.keys, key); ok {
		return pos
	}
	return pp.at
}

// has reports whether key is written in the part's mapping.
func (pp *partPos) has(key string) bool {
	_, ok := keyIn(pp.keys, key)
	return ok
}

// name is where the key naming x stands (a node's id), or where x starts.
func (p *positions) name(x any) Pos {
	if pp := p.get(x); pp.named {
		return pp.name
	}
	return p.get(x).at
}

func keyPos(keys map[string]Pos, key string, fallback Pos) Pos {
	if p, ok := keys[key]; ok {
		return p
	}
	return fallback
}

// loaded is what Parse keeps beside a flow that loaded.
type loaded struct {
	source  []byte     // the file's bytes, to make localized copies from
	pos     *positions // where each part stands in the file
	byID    map[string]*Node
	dist    map[string]int // the fewest non-check steps from each node to an end
	longest map[string]int // the most, along paths that visit no node twice (span.go)

	values map[string]*Value // the computed values by id (values.go)
	shared *SharedParts      // the library's shared parts the flow was loaded with, for its localized copies (shared_parts.go)

	trMu         sync.Mutex
	translations map[string]*Translation // by language tag, once read
	pending      map[string]lazyFile     // translations not read yet, by language tag
	origin       *Flow                   // for a localized copy: the flow it was made from
	localized    sync.Map                // localized copies, by language

	revisionOnce sync.Once // Revision, worked out on first use (revision.go)
	revision     string

	trusted bool // a built-in flow read with the built-in parts: its copies skip the writer's checks too (load.go)
}

// index builds what a flow that passed validation keeps beside it.
func index(f *Flow, data []byte, pos *positions) *loaded { return indexWith(f, data, pos, nil) }

// indexWith is index, given the flow's numbered graph if validation made one.
func indexWith(f *Flow, data []byte, pos *positions, g *flowGraph) *loaded {
	l := &loaded{source: data, pos: pos, byID: make(map[string]*Node, len(f.Nodes))}
	for _, n := range f.Nodes {
		l.byID[n.ID] = n
	}
	if g == nil {
		g = newFlowGraph(f)
	}
	l.dist, l.longest = g.distances(), g.longest()
	l.values = indexValues(f.Values)
	return l
}

// pos is where the parts of the flow stand in its file; nil (every position zero) for a flow that
// was not loaded from one.
func (f *Flow) pos() *positions {
	if f.meta == nil {
		return nil
	}
	return f.meta.pos
}

// SourcePos is where a part of the flow (a node, an option, a branch) stands in its file; with a key,
// where that key of the part stands. A flow not loaded from a file answers the zero Pos.
func (f *Flow) SourcePos(x any, key string) Pos {
	if key == "" {
		return f.pos().of(x)
	}
	return f.pos().key(x, key)
}

// IDPos is where a node's id stands in its flow's file.
func (f *Flow) IDPos(n *Node) Pos { return f.pos().name(n) }

// normalize applies the format's defaults, in one step, before validation reads the flow:
//   - language: en when not written;
//   - version: 1 when not written;
//   - an option's value: its label when not written;
//   - audience: "all" is written as the default, "" (everyone).
//
// Defaults that depend on where a value is used stay with their use: the menu order (100,
// menuOrder), the provider's name (ProviderName) and a text input's longest answer (500 characters,
// the text input type).
func normalize(f *Flow) {
	if f.Language == "" {
		f.Language = "en"
	}
	if f.Version == 0 {
		f.Version = 1
	}
	for _, n := range f.Nodes {
		normalizeNode(n)
	}
}

// normalizeNode applies a node's defaults (the flow's own steps, and its parts' by expandParts).
func normalizeNode(n *Node) {
	if n == nil {
		return
	}
	if n.Audience == "all" {
		n.Audience = AudienceAll
	}
	for _, o := range n.Options {
		if o != nil && o.Value == "" {
			o.Value = o.Label
		}
	}
}
