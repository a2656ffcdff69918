package flows

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A big file is read into YAML at the collector's usual pace, as any Go program reads it; once it is
// read, the memory the program holds then (the YAML, mostly) sets a soft limit a third above it
// (debug.SetMemoryLimit) until the flow is checked. The decoder lets each node's YAML go once it
// is decoded, so from there the flow and its checks live in what the YAML leaves: the collector runs
// a few times, when the limit comes near, instead of every time the heap grows by half. Lint of a
// 100k-node flow peaked at 1.9 times the memory of the YAML parse alone with no limit; a lower pace
// for the whole parse (GOGC 50, before) held it to about 1.35 times, but made the collector mark
// the growing YAML twice as often (issue 15). A file with aliases keeps its YAML whole while it is
// decoded (an alias may point anywhere), so there the lower pace is kept instead. Small files
// (every real flow) are not concerned. A lower limit or pace already set is kept.

const bigFile = 1 << 20

// memoryAbove is how much more than what it holds once the YAML is read a big flow's load may take.
const memoryAbove = 0.33

var gcPace struct {
	sync.Mutex
	parsing   int   // big files being parsed now
	prevLimit int64 // the memory limit to go back to
	limit     int64 // the limit set here, or 0
	prevPct   int   // the pace to go back to, when lowered (lowered > 0)
	lowered   int   // parses that lowered the pace
}

// gcPacer paces the collector for one file being parsed.
type gcPacer struct {
	big, lowered bool
}

// paceForBigFile starts pacing the collector for a file of size bytes, if big; call parsed once its
// YAML is read and done when it is loaded.
func paceForBigFile(size int) *gcPacer {
	if size < bigFile {
		return &gcPacer{}
	}
	gcPace.Lock()
	defer gcPace.Unlock()
	if gcPace.parsing == 0 {
		gcPace.prevLimit = debug.SetMemoryLimit(-1) // reads it
	}
	gcPace.parsing++
	return &gcPacer{big: true}
}

// parsed is called once the file's YAML is read; release says whether the decoder lets it go as it
// goes (a file with no aliases).
func (p *gcPacer) parsed(release bool) {
	if !p.big {
		return
	}
	gcPace.Lock()
	defer gcPace.Unlock()
	if !release {
		p.lowered = true
		if gcPace.lowered == 0 {
			gcPace.prevPct = debug.SetGCPercent(50)
			if gcPace.prevPct < 50 { // lower already, or off: keep it
				debug.SetGCPercent(gcPace.prevPct)
			}
		}
		gcPace.lowered++
		return
	}
	want := int64(float64(heldMemory()) * (1 + memoryAbove))
	if want < gcPace.prevLimit && want > gcPace.limit { // a lower limit set before is kept
		gcPace.limit = want
		debug.SetMemoryLimit(want)
	}
}

// done ends the pacing for this file; the last one puts back what was set before.
func (p *gcPacer) done() {
	if !p.big {
		return
	}
	gcPace.Lock()
	defer gcPace.Unlock()
	if p.lowered {
		gcPace.lowered--
		if gcPace.lowered == 0 {
			debug.SetGCPercent(gcPace.prevPct)
		}
	}
	gcPace.parsing--
	if gcPace.parsing == 0 && gcPace.limit != 0 {
		debug.SetMemoryLimit(gcPace.prevLimit)
		gcPace.limit = 0
	}
}

// heldMemory is the memory the Go runtime holds, as its memory limit counts it.
func heldMemory() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 1 << 62 // unknown: no limit
	}
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}
