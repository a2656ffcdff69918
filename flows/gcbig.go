package flows

import (
	"runtime/debug"
	"sync"
)

// While a big file is parsed, the garbage collector runs twice as often (GOGC 50 instead of 100),
// and then goes back to what it was. The YAML reader holds the whole file as nodes while the
// decoder builds the flow from them; with the collector's default pace the heap could grow to twice
// that before a collection, and lint of a 100k-node flow peaked at 1.9 times the memory of the
// YAML parse alone. At half the pace it peaks at about 1.35 times, for some more CPU (issue 15).
// Small files (every real flow) are not concerned. A lower setting (GOGC=20, or off) is kept.

const bigFile = 1 << 20

var gcPace struct {
	sync.Mutex
	parsing int // big files being parsed now
	prev    int // the setting to go back to
}

// paceForBigFile lowers the collector's pace for a file of size bytes, if big; call the function it
// returns when done.
func paceForBigFile(size int) func() {
	if size < bigFile {
		return func() {}
	}
	gcPace.Lock()
	if gcPace.parsing == 0 {
		gcPace.prev = debug.SetGCPercent(50)
		if gcPace.prev < 50 { // lower already, or off: keep it
			debug.SetGCPercent(gcPace.prev)
		}
	}
	gcPace.parsing++
	gcPace.Unlock()
	return func() {
		gcPace.Lock()
		gcPace.parsing--
		if gcPace.parsing == 0 {
			debug.SetGCPercent(gcPace.prev)
		}
		gcPace.Unlock()
	}
}
