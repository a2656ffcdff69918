package checks

// NetDeps carries what network checks use to reach the outside, so tests can point them at loopback.
// The connectivity check fills in its fields; a nil *NetDeps means the real network.
type NetDeps struct{}
