package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
)

// Revision is a short fingerprint of what the flow says, as written (a translation has its
// original's): two summaries with the same flow id and revision were made by the same flow.
func (f *Flow) Revision() string {
	if f.meta != nil && f.meta.origin != nil {
		f = f.meta.origin
	}
	h := sha256.Sum256([]byte(fingerprint(reflect.ValueOf(f))))
	return hex.EncodeToString(h[:6])
}
