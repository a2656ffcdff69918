package flows

import (
	"io/fs"
	"slices"
	"testing"
)

func TestTheLibrarysNamesAreThoseTheGlobGives(t *testing.T) {
	want, err := fs.Glob(libraryFS, "library/*.yaml")
	if err != nil || len(want) < 20 {
		t.Fatalf("glob: %d names, %v", len(want), err)
	}
	if got := libraryNames(); !slices.Equal(got, want) {
		t.Errorf("libraryNames() = %v\nthe glob gives %v", got, want)
	}
}
