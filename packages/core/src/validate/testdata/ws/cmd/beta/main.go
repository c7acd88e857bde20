// beta burns CPU in internal/beta and internal/shared.
package main

import (
	"strings"

	"example.com/pgo.ws/internal/beta"
	"example.com/pgo.ws/internal/burn"
	"example.com/pgo.ws/internal/shared"
)

var sink uint64

func main() {
	text := strings.Repeat("the quick brown fox jumps over the lazy dog again and again ", 20)
	ix := beta.Index{}
	burn.Run(func(round int) {
		words := beta.Tokenize(text)
		ix.Build(words)
		sink += uint64(beta.Primes(800))
		s := shared.NewSet[string]()
		for _, w := range words {
			s.Add(w)
		}
		sink += uint64(s.Len())
	})
}
