package catalog

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// read reports whether the entry's flow was read.
func (e *Entry) read() bool { return e.flow.placed != nil }

// The menu and the list show the library from headings: opening it reads no built-in flow, and
// asking for one flow reads that one alone (issue 15: the menu's first frame parsed all 19).
func TestTheBuiltInFlowsAreReadWhenFirstNeeded(t *testing.T) {
	lib, problems := Open(Options{Getenv: env(t, nil)})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if len(lib.Entries) < 10 {
		t.Fatalf("the library has %d flows", len(lib.Entries))
	}
	for i := range lib.Entries {
		if lib.Entries[i].read() {
			t.Errorf("%s was read when the library was opened", lib.Entries[i].Heading.ID)
		}
	}
	f, diags := lib.Get("payment-fails")
	if f == nil || diags.HasErrors() || f.Library() != ViaBuiltin {
		t.Fatalf("payment-fails: %v %v", f, diags)
	}
	for i := range lib.Entries {
		if e := &lib.Entries[i]; e.read() != (e.Heading.ID == "payment-fails") {
			t.Errorf("%s read: %v after asking for payment-fails alone", e.Heading.ID, e.read())
		}
	}
	// Every flow read says what its heading said, and the order of the menu holds.
	all := lib.Flows()
	if len(all) != len(lib.Entries) {
		t.Fatalf("%d flows read of %d", len(all), len(lib.Entries))
	}
	for i, f := range all {
		if h := flows.HeadingOf(f); h.Revision != lib.Entries[i].Heading.Revision || h.ID != lib.Entries[i].Heading.ID {
			t.Errorf("entry %d: the heading says %s %s, the flow %s %s", i, lib.Entries[i].Heading.ID, lib.Entries[i].Heading.Revision, h.ID, h.Revision)
		}
	}
}

// A folder's flow is read when the library is opened, so a broken one is a problem the menu can say.
func TestAFolderFlowIsReadWhenTheLibraryIsOpened(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ours.yaml"), flowFile("ours", "Ours"))
	write(t, filepath.Join(dir, "broken.yaml"), "flow: broken\ntitle: [\n")
	lib, problems := Open(Options{Getenv: env(t, nil), Folders: []string{dir}})
	if len(problems) != 1 || problems[0].ID != "broken" {
		t.Errorf("problems: %v", problems)
	}
	i := slices.IndexFunc(lib.Entries, func(e Entry) bool { return e.Heading.ID == "ours" })
	if i < 0 || !lib.Entries[i].read() || lib.Entries[i].Heading.In("en").Title != "Ours" {
		t.Errorf("the folder's flow: %+v", lib.Entries)
	}
}

// BenchmarkOpenForTheMenu is what the menu and unstuck list do before their first line: open the
// library and take every flow's heading in a language. It reads no flow; were the built-in flows
// parsed again here (issue 15), it would go from microseconds to tens of milliseconds.
func BenchmarkOpenForTheMenu(b *testing.B) {
	vars := map[string]string{"HOME": b.TempDir(), "XDG_DATA_DIRS": "/nonexistent"}
	getenv := func(k string) string { return vars[k] }
	for b.Loop() {
		lib, _ := Open(Options{Getenv: getenv})
		for i := range lib.Entries {
			_ = lib.Entries[i].Heading.In("sv").Title
		}
	}
}
