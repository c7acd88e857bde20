// Package pricing parses order exports, prices them with a chain of rules and renders the
// totals as a text report: the work the report CLI does for a day of orders.
package pricing

// Money is an amount in cents.
type Money int64

// Category and Region are the shop's small enumerations, parsed once from the export.
type (
	Category uint8
	Region   uint8
)

const (
	Books Category = iota
	Games
	Music
	Toys
	Garden
	Kitchen
	Clothes
	numCategories
)

const (
	EU Region = iota
	UK
	US
	CH
	NO
	numRegions
)

var categoryNames = [numCategories]string{"books", "games", "music", "toys", "garden", "kitchen", "clothes"}

var regionNames = [numRegions]string{"eu", "uk", "us", "ch", "no"}

func (c Category) String() string { return categoryNames[c] }

func (r Region) String() string { return regionNames[r] }

// Line is one order line as exported by the shop.
type Line struct {
	SKU      string
	Category Category
	Region   Region
	Qty      int64
	Price    Money // unit price
	Discount Money
	Tax      Money
	Shipping Money
}

// Order is the lines of one customer order.
type Order struct {
	ID       int64
	Customer int64
	Lines    []Line
}

// Total is the sum over orders that the report prints, per category.
type Total struct {
	Category Category
	Gross    Money
	Discount Money
	Tax      Money
	Shipping Money
	Units    int64
}
