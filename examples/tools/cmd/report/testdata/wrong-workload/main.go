// Command wrong-workload profiles a workload that has nothing to do with the report CLI (JSON,
// fmt, regexp, flate and time work) into the file named by its argument: the profile of the wrong service,
// committed by mistake. pgo-bench tests use it to show the gates catching a bad profile:
// it steers PGO inlining into the standard library, so the binaries grow, and gives the
// report's hot path nothing.
//
//	go run ./cmd/report/testdata/wrong-workload cmd/report/testdata/wrong-workload.pgo
package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"
)

type rec struct {
	Name string            `json:"name"`
	Vals []float64         `json:"vals"`
	Tags map[string]string `json:"tags"`
	When time.Time         `json:"when"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wrong-workload <profile-out>")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	re := regexp.MustCompile(`(\w+)-(\d+)`)
	deadline := time.Now().Add(8 * time.Second)
	var sink int
	for time.Now().Before(deadline) {
		var buf bytes.Buffer
		for i := 0; i < 200; i++ {
			r := rec{Name: fmt.Sprintf("item-%d-%s", i, strconv.Quote("x\ty")), Vals: []float64{float64(i) / 3, 1e9 / float64(i+1)}, Tags: map[string]string{"a": strings.Repeat("z", i%7)}, When: time.Unix(int64(i), 0)}
			var back rec
			must(0, json.Unmarshal(must(json.Marshal(r)), &back))
			buf.WriteString(fmt.Sprintf("%v %q %x %8.3f\n", back.Name, back.Tags, i, back.Vals[0]))
			sink += len(re.FindAllStringSubmatch(back.Name, -1))
		}
		var z bytes.Buffer
		w := must(flate.NewWriter(&z, flate.BestCompression))
		must(w.Write(buf.Bytes()))
		must(0, w.Close())
		unpacked := must(io.ReadAll(flate.NewReader(&z)))
		sink += len(unpacked) + len(time.Now().Format(time.RFC3339Nano)) + len(re.ReplaceAllString(buf.String(), "$2-$1"))
		sc := bufio.NewScanner(bytes.NewReader(unpacked))
		for sc.Scan() {
			if v, err := strconv.ParseFloat(strings.TrimSpace(sc.Text()), 64); err == nil {
				sink += int(v)
			}
			sink += strings.Count(sc.Text(), "a") + len(fmt.Sprint(sc.Text(), 3.5, []int{1, 2}, map[string]int{"k": 1}))
		}
		lines := strings.Split(buf.String(), "\n")
		sort.Strings(lines)
		for _, l := range lines {
			sink += len(strings.Fields(l)) + len(strconv.FormatFloat(float64(len(l)), 'g', -1, 64))
		}
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(sink)
}

// must stops the workload on an error that cannot happen with its own data.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
