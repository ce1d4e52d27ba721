// What a team writes instead of an emulator: a Go net/http stub that answers every request
// with one file's bytes, no routing, rules or store. Built from Debian's golang-go in GOPATH
// mode (no modules, no downloads). Usage: go-stub PORT BODY_FILE
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: go-stub PORT BODY_FILE")
	}
	body, err := os.ReadFile(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:"+os.Args[1], nil))
}
