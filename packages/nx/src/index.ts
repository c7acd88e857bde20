// @go-pgo/nx: the Nx plugin. Inference, executors and generators are exported as they land.
