package flows

import (
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"testing"
)

// A built-in flow read with the built-in parts is trusted: a run skips the checks that look for a
// writer's mistakes (validate, control characters, text lengths), in every language. That holds
// only while those checks find nothing in any of them, and the flow read without them is the same.
func TestBuiltInFlowsNeedNoChecksAtEachRun(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(builtinFiles())) {
		data, err := fs.ReadFile(libraryFS, name)
		if err != nil {
			t.Fatal(err)
		}
		path := "flows/" + name
		trusted, diags := builtinFiles()[name]()
		if diags.HasErrors() || trusted == nil || !trusted.meta.trusted {
			t.Fatalf("%s: not read as trusted: %v", name, diags)
		}
		for _, lang := range trusted.Languages() {
			t.Run(name+" in "+lang+" has no problems, and reads the same without the checks", func(t *testing.T) {
				var tr *Translation
				if lang != trusted.Language {
					if tr = trusted.translation(lang); tr == nil {
						t.Fatalf("no %s translation", lang)
					}
				}
				checked, diags := parseFlow(path, data, tr, BuiltinParts(), false)
				if len(diags) > 0 {
					t.Fatalf("the checks find problems:\n%s", diags.Error())
				}
				fast, diags := parseFlow(path, data, tr, BuiltinParts(), true)
				if len(diags) > 0 || fast == nil {
					t.Fatalf("read as trusted: %v", diags)
				}
				if fingerprint(reflect.ValueOf(fast)) != fingerprint(reflect.ValueOf(checked)) {
					t.Error("the flow read without the checks differs from the one read with them")
				}
				if !reflect.DeepEqual(fast.meta.dist, checked.meta.dist) || !reflect.DeepEqual(fast.meta.longest, checked.meta.longest) || len(fast.meta.byID) != len(checked.meta.byID) {
					t.Error("what is kept beside the flow differs")
				}
				if tr != nil {
					checked.Language = tr.Language // as Localize says it
				}
				if loc := trusted.Localize(lang); fingerprint(reflect.ValueOf(loc)) != fingerprint(reflect.ValueOf(checked)) || !loc.meta.trusted {
					t.Errorf("Localize(%s) differs from the checked reading, or is not trusted", lang)
				}
			})
		}
	}
	t.Run("a built-in flow read with other parts (a team's) is checked", func(t *testing.T) {
		f, _ := readBuiltin("library/payment-fails.yaml", nil, NewSharedParts(BuiltinParts()))
		if f == nil || f.meta.trusted {
			t.Error("read as trusted with a team's parts")
		}
	})
	t.Run("a flow file is checked", func(t *testing.T) {
		data, _ := fs.ReadFile(libraryFS, "library/payment-fails.yaml")
		if f, _ := Parse("flows/library/payment-fails.yaml", data); f == nil || f.meta.trusted {
			t.Error("a file with a built-in flow's name and text is trusted")
		}
	})
}

// BenchmarkReadBuiltin is what a run that names a built-in flow spends reading it: the checks for a
// writer's mistakes, run again, would show here.
func BenchmarkReadBuiltin(b *testing.B) {
	b.ReportAllocs()
	BuiltinParts()
	for b.Loop() {
		if f, diags := readBuiltin("library/payment-fails.yaml", nil, BuiltinParts()); f == nil {
			b.Fatal(diags.Error())
		}
	}
}
