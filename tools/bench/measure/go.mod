module github.com/go-pgo/go-pgo/tools/bench/measure

go 1.21
