// Package beta is the hot code of cmd/beta only.
package beta

import (
	"sort"
	"strings"

	"example.com/pgo.ws/internal/shared"
)

// Tokenize splits and sorts; sort's closures show up as beta.Tokenize.func1.
//
//go:noinline
func Tokenize(text string) []string {
	words := strings.Fields(text)
	sort.Slice(words, func(i, j int) bool { return words[i] < words[j] })
	return words
}

type Index map[string]uint64

//go:noinline
func (ix Index) Build(words []string) {
	for _, w := range words {
		ix[w] += shared.Mix([]byte(w))
	}
}

//go:noinline
func Primes(limit int) int {
	count := 0
	for n := 2; n < limit; n++ {
		prime := true
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			count++
		}
	}
	return count
}
