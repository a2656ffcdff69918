package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
)

// Revision is a short fingerprint of what the flow says, as written (a translation has its
// original's): two summaries with the same flow id and revision were made by the same flow.
//
// A loaded flow is not changed after loading (placing and localizing make copies), so its revision
// is worked out once, on first use, and kept beside it: a walk's summary is made more than once (an
// answers run checks the walk, then prints it), and the fingerprint walks the whole flow by
// reflection.
func (f *Flow) Revision() string {
	if f.meta != nil && f.meta.origin != nil {
		f = f.meta.origin
	}
	if m := f.meta; m != nil {
		m.revisionOnce.Do(func() { m.revision = revisionOf(f) })
		return m.revision
	}
	return revisionOf(f)
}

func revisionOf(f *Flow) string {
	h := sha256.Sum256([]byte(fingerprint(reflect.ValueOf(f))))
	return hex.EncodeToString(h[:6])
}
