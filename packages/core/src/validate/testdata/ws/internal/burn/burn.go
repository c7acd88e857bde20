// Package burn runs a program's work under the CPU profiler for a fixed CPU time, so each
// binary of this fixture workspace yields a real CPU profile of itself.
package burn

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"
)

// Run parses -cpuprofile and -cpuseconds, then calls work until that much CPU time is used.
func Run(work func(round int)) {
	out := flag.String("cpuprofile", "", "where to write the CPU profile (required)")
	seconds := flag.Float64("cpuseconds", 1.5, "CPU time to burn")
	flag.Parse()
	if *out == "" || *seconds <= 0 {
		fmt.Fprintln(os.Stderr, "usage: -cpuprofile FILE [-cpuseconds S]")
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	runtime.SetCPUProfileRate(200)
	if err := pprof.StartCPUProfile(f); err != nil {
		fail(err)
	}
	budget := time.Duration(*seconds*float64(time.Second)) + cpuTime()
	for round := 0; cpuTime() < budget; round++ {
		work(round)
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func cpuTime() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		fail(err)
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
