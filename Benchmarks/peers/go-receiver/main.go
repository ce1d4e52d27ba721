// A webhook receiver for the fan-out benchmark: answers every POST 200 at once and counts
// them; GET /count says how many arrived. Built like go-stub (GOPATH mode, nothing
// downloaded). Usage: go-receiver PORT
package main

import (
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: go-receiver PORT")
	}
	var received atomic.Int64
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			w.Write([]byte(strconv.FormatInt(received.Load(), 10)))
			return
		}
		io.Copy(io.Discard, r.Body)
		received.Add(1)
		w.Write([]byte("ok"))
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:"+os.Args[1], nil))
}
