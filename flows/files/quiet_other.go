//go:build !unix

package files

// openQuietly: outside Unix there are no named pipes to block an open.
const openQuietly = 0
