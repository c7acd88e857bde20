// Package web is the storefront's HTTP layer: a JSON API over the catalog and pricing, and
// server-rendered HTML pages, behind gzip compression.
package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"example.com/shop/services/internal/catalog"
	"example.com/shop/services/internal/pricing"
)

// Quoter prices orders; *pricing.Engine is the real one.
type Quoter interface {
	Quote(lines []pricing.Line, coupon string) (pricing.Quote, error)
}

// Server holds what the handlers share.
type Server struct {
	Store  catalog.Store
	Quoter Quoter
	Pages  *Pages
}

// Routes registers every storefront route on mux: each counted (http_requests_total) and
// gzipped, then /healthz and /metrics (Prometheus).
func (s *Server) Routes(mux *http.ServeMux) {
	route := func(pattern, name string, h http.HandlerFunc) { mux.Handle(pattern, Counted(name, Gzip(h))) }
	route("GET /api/products", "products", s.listProducts)
	route("GET /api/products/{id}", "product", s.getProduct)
	route("POST /api/orders/quote", "quote", s.quoteOrder)
	route("GET /products/{id}", "product-page", s.productPage)
	route("GET /search", "search", s.searchPage)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.Handle("GET /metrics", Metrics())
}

const maxResults = 50

func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	pattern, err := searchPattern(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	limit := maxResults
	if v := r.URL.Query().Get("limit"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n < maxResults {
			limit = n
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"products": s.Store.Search(pattern, limit)})
}

func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Store.Get(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, errors.New("no such product"))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

type orderRequest struct {
	Lines  []pricing.Line `json:"lines"`
	Coupon string         `json:"coupon"`
}

func (s *Server) quoteOrder(w http.ResponseWriter, r *http.Request) {
	var req orderRequest
	decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	for i, line := range req.Lines {
		p, ok := s.Store.Get(line.ProductID)
		if !ok {
			writeError(w, http.StatusUnprocessableEntity, errors.New("no such product: "+line.ProductID))
			return
		}
		req.Lines[i].PriceCents = p.PriceCents
	}
	quote, err := s.Quoter.Quote(req.Lines, req.Coupon)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, err)
		return
	}
	writeJSON(w, http.StatusOK, quote)
}

func (s *Server) productPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Store.Get(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.Pages.Render(w, "product", p)
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	pattern, err := searchPattern(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.Pages.Render(w, "search", searchView{Query: r.URL.Query().Get("q"), Results: s.Store.Search(pattern, maxResults)})
}

// searchPattern compiles ?q= as a case-insensitive regular expression (empty matches all).
func searchPattern(r *http.Request) (*regexp.Regexp, error) {
	return regexp.Compile("(?i)" + r.URL.Query().Get("q"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}
