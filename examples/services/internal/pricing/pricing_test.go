package pricing

import "testing"

func TestQuoteAppliesVolumeAndCoupon(t *testing.T) {
	q, err := DefaultEngine().Quote([]Line{{ProductID: "p1", Quantity: 5, PriceCents: 1000}}, "SPRING")
	if err != nil {
		t.Fatal(err)
	}
	// 5000 subtotal, 250 volume + 750 coupon off, 8.25% tax on 4000.
	if q.SubtotalCents != 5000 || q.DiscountCents != 1000 || q.TaxCents != 330 || q.TotalCents != 4330 {
		t.Fatalf("unexpected quote %+v", q)
	}
}

func BenchmarkQuote(b *testing.B) {
	engine := DefaultEngine()
	lines := []Line{{ProductID: "p1", Quantity: 3, PriceCents: 1299}, {ProductID: "p2", Quantity: 25, PriceCents: 450}, {ProductID: "p3", Quantity: 7, PriceCents: 9999}}
	for i := 0; i < b.N; i++ {
		if _, err := engine.Quote(lines, "WELCOME10"); err != nil {
			b.Fatal(err)
		}
	}
}
