package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"

	"example.com/shop/services/internal/catalog"
)

const layout = `{{define "head"}}<!doctype html><html><head><meta charset="utf-8"><title>{{.}} · Storefront</title></head><body>{{end}}
{{define "foot"}}<footer>Storefront</footer></body></html>{{end}}
{{define "product"}}{{template "head" .Name}}<main><h1>{{.Name}}</h1><p>{{.Description}}</p>
<p class="price">{{price .PriceCents}}</p><ul>{{range .Tags}}<li><a href="/search?q={{.}}">{{.}}</a></li>{{end}}</ul>
{{if gt .Stock 0}}<p>{{.Stock}} in stock</p>{{else}}<p>Sold out</p>{{end}}</main>{{template "foot"}}{{end}}
{{define "search"}}{{template "head" "Search"}}<main><h1>Results for “{{.Query}}”</h1><ol>
{{range .Results}}<li><a href="/products/{{.ID}}">{{.Name}}</a> — {{price .PriceCents}}</li>{{else}}<li>Nothing found</li>{{end}}
</ol></main>{{template "foot"}}{{end}}`

type searchView struct {
	Query   string
	Results []catalog.Product
}

// Pages renders the storefront's HTML.
type Pages struct {
	templates *template.Template
}

// NewPages parses the page templates.
func NewPages() *Pages {
	funcs := template.FuncMap{"price": func(cents int64) string { return fmt.Sprintf("$%d.%02d", cents/100, cents%100) }}
	return &Pages{templates: template.Must(template.New("pages").Funcs(funcs).Parse(layout))}
}

// Render writes page name with data, or a 500 when the template fails.
func (p *Pages) Render(w http.ResponseWriter, name string, data any) {
	// Rendered to a buffer first so a template error does not leave half a page.
	var buf bytes.Buffer
	if err := p.templates.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = buf.WriteTo(w)
}
