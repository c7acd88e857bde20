package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// requests counts served requests by route, method and status code, as http_requests_total:
// with the default registry's process_cpu_seconds_total it gives CPU per request per instance.
var requests = promauto.NewCounterVec(
	prometheus.CounterOpts{Name: "http_requests_total", Help: "HTTP requests served, by route, method and status code."},
	[]string{"handler", "method", "code"},
)

// Counted wraps a route's handler so each response it writes is counted under the route's name.
func Counted(route string, next http.Handler) http.Handler {
	return promhttp.InstrumentHandlerCounter(requests.MustCurryWith(prometheus.Labels{"handler": route}), next)
}

// Metrics serves the default registry: the request counter, process_* and go_* metrics.
func Metrics() http.Handler {
	return promhttp.Handler()
}
