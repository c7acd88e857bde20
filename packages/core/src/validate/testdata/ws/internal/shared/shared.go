// Package shared is imported by both binaries: a hash and a generic set, so that profiles
// carry shape-instantiated generic names (`(*Set[go.shape.int]).Add`).
package shared

/* A block comment with code in it must not count: func Fake() {} */

// Mix is an FNV-style hash; kept out of line so it is a frame of its own.
//
//go:noinline
func Mix(data []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, b := range data {
		h ^= uint64(b)
		h *= 0x100000001b3
	}
	return h
}

type Set[T comparable] struct{ items map[T]struct{} }

func NewSet[T comparable]() *Set[T] { return &Set[T]{items: map[T]struct{}{}} }

//go:noinline
func (s *Set[T]) Add(v T) { s.items[v] = struct{}{} }

//go:noinline
func (s Set[T]) Len() int { return len(s.items) }

// Counter's method value (c.Bump) makes the -fm wrapper show up.
type Counter struct{ n int }

//go:noinline
func (c *Counter) Bump(x int) int {
	for i := 0; i < x%64; i++ {
		c.n += i
	}
	return c.n
}
