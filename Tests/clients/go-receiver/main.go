// A Go webhook receiver as actions-runner-controller's and most Go bots are built: go-github's
// ValidatePayload checks X-Hub-Signature-256 against the secret, WebHookType and ParseWebHook
// turn the body into *github.WorkflowJobEvent or *github.WorkflowRunEvent, and an invalid
// signature is answered 401. Built in GOPATH mode from Debian's packages (test_webhooks.py);
// usage: go-receiver SECRET. It prints the port it listens on, then one line per delivery:
// "<delivery> <hook> <event> <action> <id> <status> <conclusion>", or "rejected <delivery> <error>".
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"

	"github.com/google/go-github/github"
)

func main() {
	secret := []byte(os.Args[1])
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var out sync.Mutex
	say := func(format string, values ...interface{}) {
		out.Lock()
		defer out.Unlock()
		fmt.Printf(format+"\n", values...)
	}
	say("port %d", listener.Addr().(*net.TCPAddr).Port)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		delivery, hook := github.DeliveryID(r), r.Header.Get("X-GitHub-Hook-ID")
		payload, err := github.ValidatePayload(r, secret)
		if err != nil {
			say("rejected %s %v", delivery, err)
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		event, err := github.ParseWebHook(github.WebHookType(r), payload)
		if err != nil {
			say("unparsed %s %v", delivery, err)
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		switch event := event.(type) {
		case *github.WorkflowJobEvent:
			job := event.GetWorkflowJob()
			say("%s %s workflow_job %s %d %s %s", delivery, hook, event.GetAction(), job.GetID(), job.GetStatus(), job.GetConclusion())
		case *github.WorkflowRunEvent:
			run := event.GetWorkflowRun()
			say("%s %s workflow_run %s %d %s %s", delivery, hook, event.GetAction(), run.GetID(), run.GetStatus(), run.GetConclusion())
		case *github.PingEvent:
			say("%s %s ping - %d - -", delivery, hook, event.GetHookID())
		default:
			say("%s %s other %T", delivery, hook, event)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	if err := http.Serve(listener, handler); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
