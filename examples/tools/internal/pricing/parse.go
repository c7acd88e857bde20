package pricing

import (
	"errors"
	"fmt"
)

// The export format, one order per line:
//
//	id=17|cust=c042|sku=BK-1001,cat=books,reg=eu,qty=2,price=1999;sku=...
//
// Values may escape a separator with a backslash. The scanner is hand-written, as export
// parsers in production usually are: small methods called once per byte or per field, each
// just too big for the compiler's default inlining budget.

var errSyntax = errors.New("syntax error")

type scanner struct {
	buf  []byte
	pos  int
	line int
	col  int
	// val collects a value with its escapes removed.
	val []byte
}

// readByte returns the next byte, decoding a backslash escape; escaped reports whether the
// byte was escaped (so it cannot be a separator).
func (s *scanner) readByte() (c byte, escaped bool, ok bool) {
	if s.pos >= len(s.buf) {
		return 0, false, false
	}
	c = s.buf[s.pos]
	s.pos++
	if c == '\\' && s.pos < len(s.buf) {
		c = s.buf[s.pos]
		s.pos++
		escaped = true
		s.col++
	}
	// Positions in error messages count tabs to the next multiple of 8 and treat \r\n as
	// one line break, as editors show them.
	switch {
	case escaped:
		s.col++
	case c == '\n':
		s.line++
		s.col = 0
	case c == '\r':
		if s.pos < len(s.buf) && s.buf[s.pos] == '\n' {
			s.pos++
		}
		s.line++
		s.col = 0
		c = '\n'
	case c == '\t':
		s.col += 8 - s.col%8
	default:
		s.col++
	}
	return c, escaped, true
}

func isSeparator(c byte) bool {
	return c == '|' || c == ',' || c == ';' || c == '\n'
}

// field reads `key=value` up to a separator. The key is returned as read; the value is in
// s.val. sep is 0 at the end of the input.
func (s *scanner) field(key []byte) ([]byte, byte, error) {
	key = key[:0]
	s.val = s.val[:0]
	inValue := false
	for {
		c, escaped, ok := s.readByte()
		if !ok {
			if !inValue {
				return key, 0, errSyntax
			}
			return key, 0, nil
		}
		switch {
		case !escaped && isSeparator(c):
			if !inValue {
				return key, c, errSyntax
			}
			return key, c, nil
		case !escaped && c == '=' && !inValue:
			inValue = true
		case inValue:
			s.val = append(s.val, c)
		default:
			key = append(key, c)
		}
	}
}

// parseInt reads a non-negative decimal number, optionally with a one-letter prefix (c042).
func parseInt(b []byte) (int64, error) {
	if len(b) > 0 && b[0] >= 'a' && b[0] <= 'z' {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, errSyntax
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, errSyntax
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

func parseCategory(b []byte) (Category, error) {
	for i, name := range categoryNames {
		if string(b) == name {
			return Category(i), nil
		}
	}
	return 0, fmt.Errorf("unknown category %q", b)
}

func parseRegion(b []byte) (Region, error) {
	for i, name := range regionNames {
		if string(b) == name {
			return Region(i), nil
		}
	}
	return 0, fmt.Errorf("unknown region %q", b)
}

// ParseOrders parses an export into orders, reusing the given slice and its lines.
func ParseOrders(data []byte, into []Order) ([]Order, error) {
	s := scanner{buf: data, line: 1}
	p := parser{scanner: &s, skus: map[string]string{}}
	orders := into[:0]
	for s.pos < len(s.buf) {
		if len(orders) < cap(orders) {
			orders = orders[:len(orders)+1]
		} else {
			orders = append(orders, Order{})
		}
		if err := p.order(&orders[len(orders)-1]); err != nil {
			return orders[:len(orders)-1], fmt.Errorf("line %d, column %d: %w", s.line, s.col, err)
		}
	}
	return orders, nil
}

type parser struct {
	*scanner
	key  []byte
	skus map[string]string
}

func (p *parser) order(o *Order) error {
	o.ID, o.Customer = 0, 0
	o.Lines = o.Lines[:0]
	var line Line
	for {
		key, sep, err := p.field(p.key)
		p.key = key
		if err != nil {
			return err
		}
		if err := p.set(o, &line, key, p.val); err != nil {
			return err
		}
		if sep == ';' || sep == '\n' || sep == 0 {
			if line.SKU != "" {
				o.Lines = append(o.Lines, line)
				line = Line{}
			}
		}
		if sep == '\n' || sep == 0 {
			return nil
		}
	}
}

func (p *parser) set(o *Order, l *Line, key, value []byte) error {
	var err error
	switch string(key) {
	case "id":
		o.ID, err = parseInt(value)
	case "cust":
		o.Customer, err = parseInt(value)
	case "sku":
		l.SKU = p.sku(value)
	case "cat":
		l.Category, err = parseCategory(value)
	case "reg":
		l.Region, err = parseRegion(value)
	case "qty":
		l.Qty, err = parseInt(value)
	case "price":
		var n int64
		n, err = parseInt(value)
		l.Price = Money(n)
	default:
		err = fmt.Errorf("unknown field %q", key)
	}
	return err
}

// sku keeps one copy of each SKU string.
func (p *parser) sku(b []byte) string {
	if s, ok := p.skus[string(b)]; ok {
		return s
	}
	s := string(b)
	p.skus[s] = s
	return s
}
