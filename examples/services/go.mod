module example.com/shop/services

go 1.24
