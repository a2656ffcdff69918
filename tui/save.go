package tui

import (
	"fmt"
	"path/filepath"

	"github.com/unstuck-dev/unstuck/flows/files"
)

// saveSummary writes the summary to dir atomically (a temporary file renamed into place), readable
// only by its owner, and returns the path.
func saveSummary(dir, reference, text string) (string, error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(abs, fmt.Sprintf("unstuck-summary-%s.txt", reference))
	return path, files.WriteFileAtomic(path, []byte(text))
}
