// Package alpha is the hot code of cmd/alpha only.
package alpha

import "example.com/pgo.ws/internal/shared"

var table []int

// Runes and strings with braces in them must not confuse a declaration scanner.
var braces = []rune{'{', '}', '"', '\''}
var raw = `func NotADecl() {`

// A package-level closure: named alpha.glob..func1 or alpha.init.func1 by the compiler.
var scale = func(x int) int {
	s := 0
	for i := 0; i < 200; i++ {
		s += (x + i) % 7
	}
	return s
}

func init() {
	table = make([]int, 4096)
	for i := range table {
		table[i] = i * 7 % 13
	}
}

// Crunch is the hottest function of cmd/alpha: the stale-ratio test renames it.
//
//go:noinline
func Crunch(n int) int {
	sum := 0
	for r := 0; r < n; r++ {
		for i, v := range table {
			sum += (v ^ i) & 0xff
		}
	}
	return sum + len(braces) + len(raw)
}

type Matrix struct{ cells [16][16]float64 }

//go:noinline
func (m *Matrix) Multiply(o *Matrix) *Matrix {
	var out Matrix
	for i := range 16 {
		for j := range 16 {
			var s float64
			for k := range 16 {
				s += m.cells[i][k] * o.cells[k][j]
			}
			out.cells[i][j] = s
		}
	}
	return &out
}

// Each returns a closure (alpha.Each.func1) that does real work.
//
//go:noinline
func Each(words []string) func() uint64 {
	return func() uint64 {
		var h uint64
		for _, w := range words {
			h += shared.Mix([]byte(w))
		}
		return h
	}
}

//go:noinline
func Scaled(n int) int { return scale(n) }

// Mixed calls Crunch last: the call-site test inserts a line above that call, which moves it
// and no other call of Mixed.
//
//go:noinline
func Mixed(n int) int {
	s := Scaled(n)
	return s + Crunch(2)
}

// Count fills a generic set.
//
//go:noinline
func Count(n int) int {
	s := shared.NewSet[int]()
	for i := range n {
		s.Add(i % 512)
	}
	return s.Len()
}
