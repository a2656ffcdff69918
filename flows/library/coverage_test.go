// Package library_test keeps docs/coverage.md, the map from the source material (the support page's FAQ
// and the troubleshooting guide) to the built-in flows, in step with the flows themselves.
package library_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/unstuck-dev/unstuck/checks/connectivity" // the built-in payment-fails runs it
	"github.com/unstuck-dev/unstuck/flows"
)

const coverageDoc = "../../docs/coverage.md"

// pending lists the flows another helper is writing while this map was made: a row naming one of them
// may leave its node as "?" while the flow is not in the library. Empty it when they are merged.
var pending = map[string]bool{}

// knownGaps lists the guide's steps that no flow answers yet (written "—" in the map). A new step without
// a flow fails the test until a flow answers it or it is added here on purpose.
var knownGaps = map[string]bool{}

// coverageRow is one row of a table in docs/coverage.md: its text cells, and the flow and node of its
// last two cells.
type coverageRow struct {
	line       int
	cells      []string
	flow, node string
}

// readCoverage returns the table rows of docs/coverage.md, without header and separator rows.
func readCoverage(t *testing.T) []coverageRow {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(coverageDoc))
	if err != nil {
		t.Fatalf("the coverage map can't be read: %v", err)
	}
	defer f.Close()
	var rows []coverageRow
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") {
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		if len(cells) < 3 || strings.HasPrefix(cells[0], "---") || cells[len(cells)-1] == "Node" {
			continue
		}
		rows = append(rows, coverageRow{
			line:  n,
			cells: cells,
			flow:  strings.Trim(cells[len(cells)-2], "`"),
			node:  strings.Trim(cells[len(cells)-1], "`"),
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("the coverage map can't be read: %v", err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no table rows", coverageDoc)
	}
	return rows
}

func TestCoverageMapNamesFlowsAndNodesThatExist(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatalf("the built-in library does not load: %v", err)
	}
	byID := map[string]*flows.Flow{}
	for _, f := range lib {
		byID[f.ID] = f
	}
	for _, r := range readCoverage(t) {
		where := coverageDoc + ":" + strconv.Itoa(r.line)
		step := r.cells[len(r.cells)-3]
		switch {
		case r.flow == "—":
			if r.node != "—" {
				t.Errorf("%s: a row without a flow has no node either; write — in both cells", where)
			}
			if !knownGaps[step] {
				t.Errorf("%s: %q has no flow; point it at the flow and node that answer it", where, step)
			}
		case r.node == "?":
			if byID[r.flow] != nil {
				t.Errorf("%s: the flow %s is in the library now; write the node that answers %q instead of ?", where, r.flow, step)
			} else if !pending[r.flow] {
				t.Errorf("%s: there is no built-in flow %s (and it is not pending)", where, r.flow)
			}
		default:
			f := byID[r.flow]
			if f == nil {
				t.Errorf("%s: there is no built-in flow %s", where, r.flow)
				continue
			}
			if f.Node(r.node) == nil {
				t.Errorf("%s: the flow %s has no node %s", where, r.flow, r.node)
			}
		}
	}
}

func TestCoverageMapHasEveryFAQQuestion(t *testing.T) {
	inMap := map[string]bool{}
	for _, r := range readCoverage(t) {
		for _, c := range r.cells {
			inMap[c] = true
		}
	}
	data, err := os.ReadFile(filepath.Join("testdata", "faq.txt"))
	if err != nil {
		t.Fatalf("the FAQ list can't be read: %v", err)
	}
	count := 0
	for _, q := range strings.Split(string(data), "\n") {
		q = strings.TrimSpace(q)
		if q == "" || strings.HasPrefix(q, "#") {
			continue
		}
		count++
		if !inMap[q] {
			t.Errorf("the FAQ question %q has no row in %s", q, coverageDoc)
		}
	}
	if count != 50 {
		t.Errorf("testdata/faq.txt has %d questions; the support page lists 50", count)
	}
}

func TestCoverageMapListsEveryKnownGap(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range readCoverage(t) {
		if r.flow == "—" {
			seen[r.cells[len(r.cells)-3]] = true
		}
	}
	for step := range knownGaps {
		if !seen[step] {
			t.Errorf("the known gap %q is no longer in %s; take it out of knownGaps", step, coverageDoc)
		}
	}
}
