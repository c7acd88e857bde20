// Package pricing quotes orders: line totals, volume discounts, coupon codes and tax.
package pricing

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Line is one product of an order.
type Line struct {
	ProductID  string `json:"productId"`
	Quantity   int    `json:"quantity"`
	PriceCents int64  `json:"-"`
}

// Quote is what an order costs.
type Quote struct {
	SubtotalCents int64    `json:"subtotalCents"`
	DiscountCents int64    `json:"discountCents"`
	TaxCents      int64    `json:"taxCents"`
	TotalCents    int64    `json:"totalCents"`
	Applied       []string `json:"applied"`
}

// Rule is one discount; rules are applied in order.
type Rule interface {
	Name() string
	Discount(lines []Line, subtotal int64) int64
}

// VolumeRule takes Percent off lines of at least MinQuantity items.
type VolumeRule struct {
	MinQuantity int
	Percent     int64
}

func (r VolumeRule) Name() string { return fmt.Sprintf("volume-%d", r.MinQuantity) }

func (r VolumeRule) Discount(lines []Line, _ int64) int64 {
	var off int64
	for _, l := range lines {
		if l.Quantity >= r.MinQuantity {
			off += l.PriceCents * int64(l.Quantity) * r.Percent / 100
		}
	}
	return off
}

// CouponRule takes Percent off the subtotal when the order carries its code.
type CouponRule struct {
	Code    string
	Percent int64
	coupon  string
}

func (r CouponRule) Name() string { return "coupon-" + strings.ToLower(r.Code) }

func (r CouponRule) Discount(_ []Line, subtotal int64) int64 {
	if !strings.EqualFold(r.coupon, r.Code) {
		return 0
	}
	return subtotal * r.Percent / 100
}

var couponPattern = regexp.MustCompile(`^[A-Z]{3,8}[0-9]{0,3}$`)

// ErrBadCoupon is returned for a coupon code that is not well-formed.
var ErrBadCoupon = errors.New("coupon codes are 3-8 capital letters and up to 3 digits")

// Engine quotes orders with a fixed tax rate and a list of rules.
type Engine struct {
	TaxBasisPoints int64
	Rules          []Rule
}

// DefaultEngine is the storefront's pricing: 8.25% tax, volume and coupon discounts.
func DefaultEngine() *Engine {
	return &Engine{TaxBasisPoints: 825, Rules: []Rule{VolumeRule{MinQuantity: 5, Percent: 5}, VolumeRule{MinQuantity: 20, Percent: 10}}}
}

// Quote prices lines; coupon may be empty.
func (e *Engine) Quote(lines []Line, coupon string) (Quote, error) {
	var q Quote
	for _, l := range lines {
		if l.Quantity <= 0 {
			return Quote{}, fmt.Errorf("product %s: quantity must be positive, got %d", l.ProductID, l.Quantity)
		}
		q.SubtotalCents += l.PriceCents * int64(l.Quantity)
	}
	rules := e.Rules
	if coupon != "" {
		if !couponPattern.MatchString(coupon) {
			return Quote{}, ErrBadCoupon
		}
		rules = append(append([]Rule(nil), rules...), CouponRule{Code: "SPRING", Percent: 15, coupon: coupon}, CouponRule{Code: "WELCOME10", Percent: 10, coupon: coupon})
	}
	for _, r := range rules {
		if off := r.Discount(lines, q.SubtotalCents); off > 0 {
			q.DiscountCents += off
			q.Applied = append(q.Applied, r.Name())
		}
	}
	if q.DiscountCents > q.SubtotalCents {
		q.DiscountCents = q.SubtotalCents
	}
	q.TaxCents = (q.SubtotalCents - q.DiscountCents) * e.TaxBasisPoints / 10000
	q.TotalCents = q.SubtotalCents - q.DiscountCents + q.TaxCents
	return q, nil
}
