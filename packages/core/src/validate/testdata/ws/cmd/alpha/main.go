// alpha burns CPU in internal/alpha and internal/shared.
package main

import (
	"example.com/pgo.ws/internal/alpha"
	"example.com/pgo.ws/internal/burn"
	"example.com/pgo.ws/internal/shared"
)

var sink uint64

func main() {
	m := &alpha.Matrix{}
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	hash := alpha.Each(words)
	c := &shared.Counter{}
	bump := c.Bump
	burn.Run(func(round int) {
		sink += uint64(alpha.Crunch(8))
		m = m.Multiply(m)
		sink += hash()
		sink += uint64(alpha.Scaled(round))
		sink += uint64(alpha.Count(300))
		sink += uint64(apply(bump, round))
	})
}

//go:noinline
func apply(f func(int) int, x int) int { return f(x) }
