package flows

import (
	"testing"
)

func TestALoadedFlowsRevisionIsWorkedOutOnce(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	first := f.Revision()
	t.Run("it is the fingerprint of what the flow says", func(t *testing.T) {
		if want := revisionOf(f); first != want {
			t.Errorf("Revision() = %s, want %s", first, want)
		}
	})
	t.Run("asked again, it is kept, not worked out anew", func(t *testing.T) {
		if f.meta.revision != first {
			t.Fatalf("the revision kept beside the flow is %q, want %q", f.meta.revision, first)
		}
		f.meta.revision = "kept"
		defer func() { f.meta.revision = first }()
		if got := f.Revision(); got != "kept" {
			t.Errorf("Revision() = %q: it was worked out again", got)
		}
	})
	t.Run("a flow not loaded from a file has one too", func(t *testing.T) {
		g := &Flow{ID: "x", Title: "X", Start: "a", Nodes: []*Node{{ID: "a", Kind: KindEnd, Text: "Done"}}}
		if g.Revision() == "" || g.Revision() != revisionOf(g) {
			t.Errorf("Revision() = %q", g.Revision())
		}
	})
}

// BenchmarkRevision is the revision of a loaded built-in flow asked for as a summary asks for it:
// a few hundred nanoseconds once kept; a walk of the whole flow by reflection (about 0.7 ms for
// payment-fails) if it is worked out every time again.
func BenchmarkRevision(b *testing.B) {
	f := Builtin("payment-fails")
	if f == nil {
		b.Fatal("no payment-fails")
	}
	for b.Loop() {
		_ = f.Localize("en").Revision()
	}
}
