package catalog

import (
	"path/filepath"
	"strings"
	"testing"
)

// teamCard replaces the built-in shared part card: it asks only for the number.
const teamCard = `parts:
  card:
    start: digits
    nodes:
      digits:
        kind: input
        title: Team card number
        text: The number of your team card?
        input: { type: card-number }
        next: check
      check:
        kind: check
        check: card
        with: { number: "{{digits}}" }
        next: back
      back: { kind: end, outcome: return }
`

const callsCard = `flow: team-card
title: Team card
start: card
nodes:
  card: { kind: call, part: card, next: done }
  done: { kind: end, title: Done, outcome: solved }
`

func TestALibraryFoldersPartsFileIsSharedAndReplacesTheBuiltInOne(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "card.parts.yaml"), teamCard)
	write(t, filepath.Join(dir, "sub", "team-card.yaml"), callsCard)
	lib, problems := Open(Options{Getenv: env(t, nil), Folders: []string{dir}})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems[0].First())
	}
	t.Run("a parts file is not a flow of the menu", func(t *testing.T) {
		for _, id := range lib.IDs() {
			if strings.Contains(id, "parts") {
				t.Errorf("the menu lists %q", id)
			}
		}
		if len(lib.PartsFiles) != 1 || len(lib.Files) != 1 {
			t.Errorf("parts files %v, flow files %v", lib.PartsFiles, lib.Files)
		}
	})
	t.Run("a flow of a subfolder runs the folder's part", func(t *testing.T) {
		f := lib.Find("team-card").Flow()
		if n := f.Node("card.digits"); n == nil || n.Title != "Team card number" {
			t.Errorf("the team's flow does not run the team's part: %v", n)
		}
	})
	t.Run("the built-in flows run the team's part in place of the built-in one", func(t *testing.T) {
		f := lib.Find("payment-fails").Flow()
		if f.Node("card.number") != nil || f.Node("card.digits") == nil {
			t.Errorf("the built-in payment-fails does not run the team's card part")
		}
	})
	t.Run("without the team's file the built-in part runs", func(t *testing.T) {
		lib, _ := Open(Options{Getenv: env(t, nil)})
		if lib.Find("payment-fails").Flow().Node("card.number") == nil {
			t.Errorf("the built-in payment-fails lost its card number step")
		}
	})
	t.Run("a parts file that does not load is a problem of the library", func(t *testing.T) {
		bad := t.TempDir()
		write(t, filepath.Join(bad, "broken.parts.yaml"), "parts:\n  x:\n    start: nowhere\n    nodes:\n      a: { kind: end, outcome: return }\n")
		_, problems := Open(Options{Getenv: env(t, nil), Folders: []string{bad}})
		if len(problems) != 1 || !strings.Contains(problems[0].First(), `part "x" starts at "nowhere"`) {
			t.Errorf("problems %v", problems)
		}
	})
}
