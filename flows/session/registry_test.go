package session

// The built-in flows run the connection check, which lives in its own package (so checks needs no
// network) and registers itself when imported: the program imports it in cmd/unstuck, and these
// tests import it here.
import _ "github.com/unstuck-dev/unstuck/checks/connectivity"
