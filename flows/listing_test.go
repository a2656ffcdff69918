package flows

import (
	"slices"
	"testing"
)

// The listing read from the top of each file says what the whole library says, in every language.
func TestLibraryListingAgreesWithTheWholeLibrary(t *testing.T) {
	for _, lang := range []string{"", "en", "sv", "de-AT", "es", "pl", "fi"} {
		t.Run("in "+lang, func(t *testing.T) {
			got, err := LibraryListing(lang)
			if err != nil {
				t.Fatal(err)
			}
			want, err := libraryListingWhole(lang)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) || len(got) < 10 {
				t.Errorf("read from the tops:\n%v\nfrom the whole library:\n%v", got, want)
			}
		})
	}
}
