module example.com/pgo.ws

go 1.22
