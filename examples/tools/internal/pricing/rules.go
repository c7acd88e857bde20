package pricing

// Rule adjusts one order line. A shop configures a chain of them; most are category
// discounts, so one concrete type dominates the interface call in the pricing loop.
type Rule interface {
	Apply(l *Line)
}

// TaxPolicy and ShippingPolicy are injected into the Pricer; production wires one
// implementation of each, tests and other shops wire others.
type TaxPolicy interface {
	Tax(l *Line) Money
}

type ShippingPolicy interface {
	Shipping(l *Line) Money
}

// CategoryDiscount takes Percent off lines of Category bought at least MinQty times.
type CategoryDiscount struct {
	Category Category
	Percent  int64
	MinQty   int64
	Cap      Money
}

func (r *CategoryDiscount) Apply(l *Line) {
	if l.Category != r.Category || l.Qty < r.MinQty {
		return
	}
	gross := l.Price * Money(l.Qty)
	off := (gross - l.Discount) * Money(r.Percent) / 100
	if r.Cap > 0 && off > r.Cap {
		off = r.Cap
	}
	if off < 0 {
		off = 0
	}
	l.Discount += off
}

// BulkDiscount takes a fixed amount off every unit beyond Threshold.
type BulkDiscount struct {
	Threshold int64
	PerUnit   Money
}

func (r *BulkDiscount) Apply(l *Line) {
	if l.Qty > r.Threshold {
		l.Discount += Money(l.Qty-r.Threshold) * r.PerUnit
	}
}

// SKUPrefixDiscount takes Percent off SKUs that start with Prefix.
type SKUPrefixDiscount struct {
	Prefix  string
	Percent int64
}

func (r *SKUPrefixDiscount) Apply(l *Line) {
	if len(l.SKU) >= len(r.Prefix) && l.SKU[:len(r.Prefix)] == r.Prefix {
		l.Discount += (l.Price*Money(l.Qty) - l.Discount) * Money(r.Percent) / 100
	}
}

// RegionalVAT charges a VAT rate (in basis points) by region, with reduced rates for some
// categories.
type RegionalVAT struct {
	Standard [numRegions]int64
	Reduced  [numRegions]int64
	// ReducedCategories is a bit set of categories taxed at the reduced rate.
	ReducedCategories uint64
}

func (t *RegionalVAT) Tax(l *Line) Money {
	rate := t.Standard[l.Region]
	if t.ReducedCategories&(1<<l.Category) != 0 {
		rate = t.Reduced[l.Region]
	}
	if rate == 0 {
		return 0
	}
	net := l.Price*Money(l.Qty) - l.Discount
	if net <= 0 {
		return 0
	}
	return (net*Money(rate) + 5000) / 10000
}

// FlatTax charges one rate everywhere (basis points).
type FlatTax struct{ Rate int64 }

func (t FlatTax) Tax(l *Line) Money {
	return (l.Price*Money(l.Qty) - l.Discount) * Money(t.Rate) / 10000
}

// TieredShipping charges per unit by region, free above a net amount.
type TieredShipping struct {
	PerUnit  [numRegions]Money
	FreeFrom Money
}

func (s *TieredShipping) Shipping(l *Line) Money {
	net := l.Price*Money(l.Qty) - l.Discount
	if s.FreeFrom > 0 && net >= s.FreeFrom {
		return 0
	}
	per := s.PerUnit[l.Region]
	units := l.Qty
	if units > 10 {
		units = 10 + (units-10)/2
	}
	return per * Money(units)
}

// FreeShipping never charges.
type FreeShipping struct{}

func (FreeShipping) Shipping(*Line) Money { return 0 }
