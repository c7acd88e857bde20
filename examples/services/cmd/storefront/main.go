// Command storefront serves the shop's catalog API and pages, with net/http/pprof on the same
// address. Its first line on stdout is `listening on http://HOST:PORT`, so -addr may use port 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/shop/services/internal/catalog"
	"example.com/shop/services/internal/pricing"
	"example.com/shop/services/internal/web"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	products := flag.Int("products", 2000, "products in the generated catalog")
	flag.Parse()

	server := &web.Server{Store: catalog.NewMemory(*products), Quoter: pricing.DefaultEngine(), Pages: web.NewPages()}
	mux := http.NewServeMux()
	server.Routes(mux)
	// net/http/pprof registers its handlers on the default mux.
	mux.Handle("/debug/pprof/", http.DefaultServeMux)

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())

	httpServer := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = httpServer.Shutdown(shutdown)
	}()
	if err := httpServer.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
