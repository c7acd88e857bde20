// Command loadgen drives storefront instances with a mix of API and page requests at a fixed
// concurrency until it is stopped. It is a tool, not a product binary (it is not under cmd/).
//
//	loadgen -c 4 http://127.0.0.1:8080 http://127.0.0.1:8081
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var queries = []string{"", "backpack", "red|blue", "^Urban", "lantern.*olive", "tent", "k[ae]ttle", "model 1[0-9]{3}", "deluxe (mug|scarf)"}

func main() {
	concurrency := flag.Int("c", 2, "requests in flight at once")
	pause := flag.Duration("pause", time.Millisecond, "pause of each worker between requests")
	products := flag.Int("products", 2000, "products in the storefront's catalog")
	flag.Parse()
	targets := flag.Args()
	if len(targets) == 0 {
		fmt.Fprintln(os.Stderr, "usage: loadgen [-c N] [-pause D] URL...")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *concurrency}}
	var sent, failed atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < *concurrency; w++ {
		wg.Add(1)
		go func(worker int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(worker), 42))
			for i := worker; ctx.Err() == nil; i++ {
				if err := request(ctx, client, targets[i%len(targets)], rng, *products); err != nil && ctx.Err() == nil {
					failed.Add(1)
				}
				sent.Add(1)
				select {
				case <-ctx.Done():
				case <-time.After(*pause):
				}
			}
		}(w)
	}
	wg.Wait()
	log.Printf("loadgen: %d requests, %d failed", sent.Load(), failed.Load())
}

func request(ctx context.Context, client *http.Client, base string, rng *rand.Rand, products int) error {
	id := fmt.Sprintf("p%04d", 1+rng.IntN(products))
	var req *http.Request
	var err error
	switch n := rng.IntN(10); {
	case n < 3:
		req, err = http.NewRequestWithContext(ctx, "GET", base+"/api/products?q="+url.QueryEscape(queries[rng.IntN(len(queries))]), nil)
	case n < 5:
		req, err = http.NewRequestWithContext(ctx, "GET", base+"/api/products/"+id, nil)
	case n < 7:
		body, _ := json.Marshal(map[string]any{
			"lines":  []map[string]any{{"productId": id, "quantity": 1 + rng.IntN(30)}, {"productId": "p0001", "quantity": 2}},
			"coupon": []string{"", "SPRING", "WELCOME10", "bad coupon"}[rng.IntN(4)],
		})
		req, err = http.NewRequestWithContext(ctx, "POST", base+"/api/orders/quote", bytes.NewReader(body))
	case n < 9:
		req, err = http.NewRequestWithContext(ctx, "GET", base+"/products/"+id, nil)
	default:
		req, err = http.NewRequestWithContext(ctx, "GET", base+"/search?q="+url.QueryEscape(queries[rng.IntN(len(queries))]), nil)
	}
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 500 {
		return fmt.Errorf("%s: %s", req.URL, resp.Status)
	}
	return err
}
