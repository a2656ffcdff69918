package flows

import (
	"fmt"
	"strings"
)

// The "did you mean" hint for a name that is not known. A flow may name thousands of nodes that do
// not exist (a flow whose every goto dangles), so the node ids are listed once per check of a flow
// (nameIndex), grouped by length: a name within two edits of another differs in length by at most
// two, so only those groups are compared, each comparison stops as soon as it cannot win, and the
// whole check compares at most suggestBudget(ids) pairs: enough for the first 200 unknown names
// (what lint shows) against every id. Past that the remaining unknown names get no hint, and the
// check stays linear in the size of the flow.

// suggestBudget bounds the name comparisons made for hints in one check of a flow with ids names.
func suggestBudget(ids int) int { return max(200*ids, 100_000) }

// maxSuggestLen is the longest name that gets a hint; longer ones are not typos of a node id.
const maxSuggestLen = 64

type nameIndex struct {
	names  []string
	byLen  map[int][]int32 // byte length → indices into names, in order
	cache  map[string]string
	budget int
}

func newNameIndex(names []string, budget int) *nameIndex {
	x := &nameIndex{names: names, byLen: map[int][]int32{}, cache: map[string]string{}, budget: budget}
	for i, n := range names {
		if len(n) <= maxSuggestLen+2 {
			x.byLen[len(n)] = append(x.byLen[len(n)], int32(i))
		}
	}
	return x
}

// suggest gives the hint for got: the first known name nearest to it, within two edits, or "".
func (x *nameIndex) suggest(got string) string {
	if len(got) > maxSuggestLen {
		return ""
	}
	if hint, ok := x.cache[got]; ok {
		return hint
	}
	low := strings.ToLower(got)
	best, bestDist := -1, 3
	for l := len(low) - 2; l <= len(low)+2; l++ {
		for _, i := range x.byLen[l] {
			if x.budget <= 0 {
				return ""
			}
			x.budget--
			d := distanceWithin(low, x.names[i], bestDist)
			if d < bestDist || (d == bestDist && best >= 0 && int(i) < best) {
				best, bestDist = int(i), d
			}
		}
	}
	hint := ""
	if best >= 0 {
		hint = fmt.Sprintf("did you mean %q?", x.names[best])
	}
	x.cache[got] = hint
	return hint
}

// suggest offers the closest known name, as a hint, when one is near enough to be a typo.
// Suggest is the "did you mean" hint for a name that is not one of known, or "".
func Suggest(got string, known []string) string { return suggest(got, known) }

func suggest(got string, known []string) string {
	best, bestDist := "", 3
	if len(got) > maxSuggestLen {
		return ""
	}
	low := strings.ToLower(got)
	for _, k := range known {
		if dist := distanceWithin(low, k, bestDist-1); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// distanceWithin is the edit distance (Levenshtein, in bytes) between a and b when it is at most
// limit, and limit+1 otherwise; it stops as soon as every way on is over the limit.
func distanceWithin(a, b string, limit int) int {
	if limit < 0 {
		return 0
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var small [2][maxSuggestLen + 4]int
	prev, cur := small[0][:], small[1][:]
	if len(b)+1 > len(prev) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}
