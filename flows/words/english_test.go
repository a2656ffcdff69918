package words

import "testing"

// Text skips the English catalog (the keys are the English texts): that holds only while every
// English message says its key.
func TestEnglishSaysEveryMessageAsItsKey(t *testing.T) {
	data, err := files.ReadFile("catalog/" + Source + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	en, err := Parse("flows/words/catalog/en.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range en.Messages {
		if v != k {
			t.Errorf("en.yaml says %q as %q; the English text is the key, so write the key as it is said", k, v)
		}
	}
	for k, forms := range en.Plurals {
		if forms["other"] != k {
			t.Errorf("en.yaml's plural %q has the other form %q; the key is the other form", k, forms["other"])
		}
	}
}

func TestEnglishTextReadsNoCatalog(t *testing.T) {
	loadMu.Lock()
	_, before := loaded[Source]
	loadMu.Unlock()
	if before {
		t.Skip("another test of the package read the English catalog first")
	}
	for _, lang := range []string{"en", "EN", "en-GB", "", "xx"} {
		if got := Text(lang, "(not answered)"); got != "(not answered)" {
			t.Errorf("Text(%q) = %q, want the key", lang, got)
		}
	}
	loadMu.Lock()
	defer loadMu.Unlock()
	if _, ok := loaded[Source]; ok {
		t.Error("saying a message in English read the English catalog; English says its keys")
	}
}
