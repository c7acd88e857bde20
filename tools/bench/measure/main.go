// Command measure runs a command and prints its wall time and peak RSS as JSON.
//
// Benchmarks compare our CLI with `go tool pprof`, and Node cannot read a child's rusage; the
// rusage that wait4 returns covers the child and every descendant it waited for, which is
// what `go tool pprof` (the go command running the pprof binary) needs.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

type result struct {
	WallSeconds float64 `json:"wallSeconds"`
	MaxRSSBytes int64   `json:"maxRssBytes"`
	ExitCode    int     `json:"exitCode"`
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [--] command [args...]")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = os.Stderr // the measured command's output is not ours to print on stdout
	cmd.Stderr = os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && cmd.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "measure: %v\n", err)
		os.Exit(2)
	}
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	out, _ := json.Marshal(result{
		WallSeconds: wall.Seconds(),
		MaxRSSBytes: usage.Maxrss * 1024, // Linux reports kilobytes
		ExitCode:    cmd.ProcessState.ExitCode(),
	})
	fmt.Println(string(out))
}
