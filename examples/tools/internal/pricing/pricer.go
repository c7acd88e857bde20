package pricing

// Pricer applies the rule chain, tax and shipping to every line and sums by category.
type Pricer struct {
	Rules    []Rule
	Tax      TaxPolicy
	Shipping ShippingPolicy

	totals [numCategories]Total
}

// Price prices the orders in place and returns the totals of the categories sold, in order.
func (p *Pricer) Price(orders []Order) []Total {
	for c := range p.totals {
		p.totals[c] = Total{Category: Category(c)}
	}
	for i := range orders {
		lines := orders[i].Lines
		for j := range lines {
			p.priceLine(&lines[j])
			p.add(&lines[j])
		}
	}
	out := make([]Total, 0, len(p.totals))
	for _, t := range p.totals {
		if t.Units > 0 {
			out = append(out, t)
		}
	}
	return out
}

func (p *Pricer) priceLine(l *Line) {
	l.Discount, l.Tax, l.Shipping = 0, 0, 0
	for _, r := range p.Rules {
		r.Apply(l)
	}
	gross := l.Price * Money(l.Qty)
	if l.Discount > gross {
		l.Discount = gross
	}
	l.Tax = p.Tax.Tax(l)
	l.Shipping = p.Shipping.Shipping(l)
}

func (p *Pricer) add(l *Line) {
	t := &p.totals[l.Category]
	t.Gross += l.Price * Money(l.Qty)
	t.Discount += l.Discount
	t.Tax += l.Tax
	t.Shipping += l.Shipping
	t.Units += l.Qty
}

// ShopRules is the production configuration of the example shop.
func ShopRules() *Pricer {
	return &Pricer{
		Rules: []Rule{
			&CategoryDiscount{Category: Books, Percent: 5, MinQty: 2},
			&CategoryDiscount{Category: Games, Percent: 10, MinQty: 1, Cap: 2000},
			&CategoryDiscount{Category: Music, Percent: 3, MinQty: 3},
			&CategoryDiscount{Category: Toys, Percent: 7, MinQty: 2, Cap: 1500},
			&CategoryDiscount{Category: Garden, Percent: 4, MinQty: 5},
			&CategoryDiscount{Category: Kitchen, Percent: 6, MinQty: 2},
			&BulkDiscount{Threshold: 20, PerUnit: 15},
			&SKUPrefixDiscount{Prefix: "CL-", Percent: 20},
		},
		Tax: &RegionalVAT{
			Standard:          [numRegions]int64{EU: 2000, UK: 2000, US: 0, CH: 810, NO: 2500},
			Reduced:           [numRegions]int64{EU: 700, UK: 0, US: 0, CH: 260, NO: 1500},
			ReducedCategories: 1<<Books | 1<<Music,
		},
		Shipping: &TieredShipping{
			PerUnit:  [numRegions]Money{EU: 150, UK: 200, US: 250, CH: 300, NO: 400},
			FreeFrom: 10000,
		},
	}
}
