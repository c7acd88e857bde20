package pricing

import (
	"bytes"
	"testing"
)

// The benchmarks pgo-bench compares with and without the profile: each op is a batch of
// orders, a few milliseconds at most, so rounds stay short.

const batch = 2000

var export = Generate(batch, 42)

func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(export)))
	var orders []Order
	for b.Loop() {
		var err error
		if orders, err = ParseOrders(export, orders); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrice(b *testing.B) {
	orders, err := ParseOrders(export, nil)
	if err != nil {
		b.Fatal(err)
	}
	p := ShopRules()
	for b.Loop() {
		p.Price(orders)
	}
}

func BenchmarkRender(b *testing.B) {
	orders, err := ParseOrders(export, nil)
	if err != nil {
		b.Fatal(err)
	}
	totals := ShopRules().Price(orders)
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := Render(&out, orders, totals); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReport is the whole CLI run on one batch.
func BenchmarkReport(b *testing.B) {
	var orders []Order
	p := ShopRules()
	var out bytes.Buffer
	for b.Loop() {
		var err error
		if orders, err = ParseOrders(export, orders); err != nil {
			b.Fatal(err)
		}
		out.Reset()
		if err := Render(&out, orders, p.Price(orders)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReport(t *testing.T) {
	orders, err := ParseOrders(Generate(3, 7), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(orders) != 3 || orders[0].ID != 1 || len(orders[0].Lines) == 0 {
		t.Fatalf("parsed %+v", orders)
	}
	totals := ShopRules().Price(orders)
	var out bytes.Buffer
	if err := Render(&out, orders, totals); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte("category")) {
		t.Fatalf("report:\n%s", out.String())
	}
}

func TestAppendMoney(t *testing.T) {
	for _, c := range []struct {
		m    Money
		want string
	}{{0, "0.00"}, {5, "0.05"}, {123456, "1,234.56"}, {-100000000, "-1,000,000.00"}} {
		if got := string(appendMoney(nil, c.m, 0)); got != c.want {
			t.Errorf("appendMoney(%d) = %q, want %q", c.m, got, c.want)
		}
	}
}
