package pricing

import "io"

// Sink receives the report as it is rendered: a file, a buffer or a network connection.
type Sink interface {
	io.Writer
	WriteString(s string) (int, error)
}

// Column widths of the report.
const (
	categoryWidth = 10
	moneyWidth    = 13
)

// Render writes the report: one line per order line, then the totals.
func Render(w Sink, orders []Order, totals []Total) error {
	var buf [128]byte
	for i := range orders {
		o := &orders[i]
		for j := range o.Lines {
			line := appendLine(buf[:0], o.ID, &o.Lines[j])
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
	}
	if _, err := w.WriteString("\ncategory        gross     discount          tax     shipping\n"); err != nil {
		return err
	}
	for i := range totals {
		t := &totals[i]
		b := appendPadded(buf[:0], t.Category.String(), categoryWidth)
		b = appendMoney(b, t.Gross, moneyWidth)
		b = appendMoney(b, t.Discount, moneyWidth)
		b = appendMoney(b, t.Tax, moneyWidth)
		b = appendMoney(b, t.Shipping, moneyWidth)
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func appendLine(b []byte, id int64, l *Line) []byte {
	b = appendInt(b, id, 8)
	b = append(b, ' ')
	b = appendPadded(b, l.SKU, 10)
	b = appendPadded(b, l.Category.String(), categoryWidth)
	b = appendInt(b, l.Qty, 4)
	b = appendMoney(b, l.Price*Money(l.Qty), moneyWidth)
	b = appendMoney(b, -l.Discount, moneyWidth)
	b = appendMoney(b, l.Tax, moneyWidth)
	b = appendMoney(b, l.Shipping, moneyWidth)
	return append(b, '\n')
}

// appendPadded appends s left-aligned in width columns (truncated when longer).
func appendPadded(b []byte, s string, width int) []byte {
	if len(s) > width {
		s = s[:width]
	}
	b = append(b, s...)
	for i := len(s); i < width; i++ {
		b = append(b, ' ')
	}
	return b
}

// appendInt appends n right-aligned in width columns.
func appendInt(b []byte, n int64, width int) []byte {
	var digits [20]byte
	i := len(digits)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		digits[i] = '-'
	}
	for pad := width - (len(digits) - i); pad > 0; pad-- {
		b = append(b, ' ')
	}
	return append(b, digits[i:]...)
}

// appendMoney appends cents as a right-aligned amount with two decimals and thousands
// separators, e.g. "   -1,234.50".
func appendMoney(b []byte, m Money, width int) []byte {
	var text [32]byte
	i := len(text)
	neg := m < 0
	if neg {
		m = -m
	}
	cents := int64(m % 100)
	units := int64(m / 100)
	i--
	text[i] = byte('0' + cents%10)
	i--
	text[i] = byte('0' + cents/10)
	i--
	text[i] = '.'
	for group := 0; ; group++ {
		if group > 0 && group%3 == 0 {
			i--
			text[i] = ','
		}
		i--
		text[i] = byte('0' + units%10)
		units /= 10
		if units == 0 {
			break
		}
	}
	if neg {
		i--
		text[i] = '-'
	}
	for pad := width - (len(text) - i); pad > 0; pad-- {
		b = append(b, ' ')
	}
	return append(b, text[i:]...)
}
