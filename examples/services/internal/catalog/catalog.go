// Package catalog is the storefront's in-memory product catalog: lookups by id and
// regular-expression search over names, tags and descriptions.
package catalog

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Product is one item for sale. Prices are in cents.
type Product struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Tags        []string `json:"tags"`
	PriceCents  int64    `json:"priceCents"`
	Stock       int      `json:"stock"`
}

// Store is what the handlers need from a catalog; tests and other backends can swap it.
type Store interface {
	Get(id string) (Product, bool)
	Search(pattern *regexp.Regexp, limit int) []Product
	All() []Product
}

// Memory is a Store held in memory, safe for concurrent readers.
type Memory struct {
	mu       sync.RWMutex
	products map[string]Product
	ids      []string
}

// NewMemory returns a catalog of n generated products with stable ids p0001, p0002…
func NewMemory(n int) *Memory {
	m := &Memory{products: make(map[string]Product, n)}
	adjectives := []string{"Classic", "Urban", "Alpine", "Coastal", "Vintage", "Compact", "Deluxe", "Rugged"}
	nouns := []string{"Backpack", "Lantern", "Kettle", "Jacket", "Notebook", "Headlamp", "Tent", "Mug", "Scarf", "Stool"}
	colors := []string{"red", "blue", "green", "black", "sand", "olive", "grey"}
	for i := 0; i < n; i++ {
		adj, noun, color := adjectives[i%len(adjectives)], nouns[(i/3)%len(nouns)], colors[(i*7)%len(colors)]
		p := Product{
			ID:          fmt.Sprintf("p%04d", i+1),
			Name:        fmt.Sprintf("%s %s (%s)", adj, noun, color),
			Description: fmt.Sprintf("A %s %s in %s, built for everyday use. Model %d-%c.", strings.ToLower(adj), strings.ToLower(noun), color, 1000+i*13, 'A'+rune(i%26)),
			Tags:        []string{strings.ToLower(noun), color, strings.ToLower(adj)},
			PriceCents:  int64(999 + (i*3779)%25000),
			Stock:       (i * 17) % 40,
		}
		m.products[p.ID] = p
		m.ids = append(m.ids, p.ID)
	}
	sort.Strings(m.ids)
	return m
}

func (m *Memory) Get(id string) (Product, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, ok := m.products[id]
	return p, ok
}

func (m *Memory) Search(pattern *regexp.Regexp, limit int) []Product {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var found []Product
	for _, id := range m.ids {
		p := m.products[id]
		if matches(pattern, p) {
			found = append(found, p)
			if len(found) == limit {
				break
			}
		}
	}
	return found
}

func (m *Memory) All() []Product {
	m.mu.RLock()
	defer m.mu.RUnlock()
	all := make([]Product, 0, len(m.ids))
	for _, id := range m.ids {
		all = append(all, m.products[id])
	}
	return all
}

func matches(pattern *regexp.Regexp, p Product) bool {
	if pattern.MatchString(p.Name) || pattern.MatchString(p.Description) {
		return true
	}
	for _, tag := range p.Tags {
		if pattern.MatchString(tag) {
			return true
		}
	}
	return false
}
