// alpha burns CPU in internal/alpha and internal/shared.
package main

import (
	"example.com/pgo.ws/internal/alpha"
	"example.com/pgo.ws/internal/burn"
	"example.com/pgo.ws/internal/shared"
)

var (
	sink uint64
	m    = &alpha.Matrix{}
	hash func() uint64
	bump func(int) int
)

// main is on every stack and does nothing itself: never among the two frames PGO reads.
func main() {
	hash = alpha.Each([]string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"})
	bump = (&shared.Counter{}).Bump
	burn.Run(work)
}

// work is one round of cmd/alpha's load.
func work(round int) {
	sink += uint64(alpha.Crunch(8))
	m = m.Multiply(m)
	sink += hash()
	sink += uint64(alpha.Scaled(round))
	sink += uint64(alpha.Mixed(round))
	sink += uint64(alpha.Count(300))
	sink += uint64(apply(bump, round))
}

//go:noinline
func apply(f func(int) int, x int) int { return f(x) }
