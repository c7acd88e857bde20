// Command report prices a day of shop orders and prints the totals by category.
//
//	report [-in export.txt] [-orders n] [-seed s] [-lines]
//
// Without -in it prices a generated day of n orders (deterministic for a seed).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"example.com/shop/tools/internal/pricing"
)

func main() {
	in := flag.String("in", "", "order export to read (default: generate one)")
	n := flag.Int("orders", 20000, "orders to generate without -in")
	seed := flag.Uint64("seed", 1, "seed of the generated orders")
	lines := flag.Bool("lines", false, "print every order line, not only the totals")
	flag.Parse()
	if err := run(*in, *n, *seed, *lines); err != nil {
		fmt.Fprintf(os.Stderr, "report: %v\n", err)
		os.Exit(1)
	}
}

func run(in string, n int, seed uint64, lines bool) error {
	data := pricing.Generate(n, seed)
	if in != "" {
		var err error
		if data, err = os.ReadFile(in); err != nil {
			return err
		}
	}
	orders, err := pricing.ParseOrders(data, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	totals := pricing.ShopRules().Price(orders)
	out := bufio.NewWriter(os.Stdout)
	shown := orders
	if !lines {
		shown = nil
	}
	if err := pricing.Render(out, shown, totals); err != nil {
		return err
	}
	return out.Flush()
}
