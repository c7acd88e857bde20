package pricing

import "strconv"

// Generate writes a deterministic export of n orders, shaped like a day of the shop's orders:
// most lines are books, games and music, in a handful of regions.
func Generate(n int, seed uint64) []byte {
	categories := []string{"books", "books", "books", "games", "games", "music", "toys", "garden", "kitchen", "clothes"}
	regions := []string{"eu", "eu", "eu", "uk", "us", "us", "ch", "no"}
	prefixes := []string{"BK-", "GM-", "MU-", "CL-", "TY-"}
	x := seed | 1
	next := func(n int) int {
		// xorshift64: fast, deterministic, good enough for test data.
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(n))
	}
	out := make([]byte, 0, n*160)
	for id := 1; id <= n; id++ {
		out = append(out, "id="...)
		out = strconv.AppendInt(out, int64(id), 10)
		out = append(out, "|cust=c"...)
		out = strconv.AppendInt(out, int64(next(5000)), 10)
		lines := 1 + next(6)
		for j := 0; j < lines; j++ {
			if j == 0 {
				out = append(out, '|')
			} else {
				out = append(out, ';')
			}
			out = append(out, "sku="...)
			out = append(out, prefixes[next(len(prefixes))]...)
			out = strconv.AppendInt(out, int64(1000+next(400)), 10)
			out = append(out, ",cat="...)
			out = append(out, categories[next(len(categories))]...)
			out = append(out, ",reg="...)
			out = append(out, regions[next(len(regions))]...)
			out = append(out, ",qty="...)
			qty := 1 + next(4)
			if next(20) == 0 {
				qty += 20 + next(30)
			}
			out = strconv.AppendInt(out, int64(qty), 10)
			out = append(out, ",price="...)
			out = strconv.AppendInt(out, int64(199+next(9800)), 10)
		}
		out = append(out, '\n')
	}
	return out
}
