// A Go App client as KEDA's and actions-runner-controller's pollers are built: go-github
// (Debian's golang-github-google-go-github-dev) with a JWT signed as ghinstallation signs it
// (golang-jwt, iat now - 30 s, exp now + 90 s), the installation found by repository, the
// token exchange, a private repository's jobs with the token, and a JWT from the future
// refused. Built in GOPATH mode from Debian's packages (test_apps.py); usage: go-app URL KEY.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt"
	"github.com/google/go-github/github"
)

type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

func sign(keyPEM []byte, iat, exp time.Duration) string {
	key, err := jwt.ParseRSAPrivateKeyFromPEM(keyPEM)
	check(err)
	now := time.Now()
	token, err := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.RegisteredClaims{
		IssuedAt: jwt.NewNumericDate(now.Add(iat)), ExpiresAt: jwt.NewNumericDate(now.Add(exp)), Issuer: "1001",
	}).SignedString(key)
	check(err)
	return token
}

func client(base, token string) *github.Client {
	c, err := github.NewEnterpriseClient(base+"/api/v3/", base+"/api/uploads/", &http.Client{Transport: bearer{token}})
	check(err)
	return c
}

func check(err error) {
	if err != nil {
		fmt.Println("FAIL:", err)
		os.Exit(1)
	}
}

func main() {
	base, keyPEM := os.Args[1], must(os.ReadFile(os.Args[2]))
	ctx := context.Background()
	app := client(base, sign(keyPEM, -30*time.Second, 90*time.Second))
	got, _, err := app.Apps.Get(ctx, "")
	check(err)
	fmt.Println("app:", got.GetSlug())
	installation, _, err := app.Apps.FindRepositoryInstallation(ctx, "octo-org", "private-repo")
	check(err)
	token, _, err := app.Apps.CreateInstallationToken(ctx, installation.GetID(), nil)
	check(err)
	fmt.Println("token expires:", token.GetExpiresAt().Format(time.RFC3339), "permissions:", token.GetPermissions().GetActions())
	jobs, _, err := client(base, token.GetToken()).Actions.ListWorkflowJobs(ctx, "octo-org", "private-repo", 30434000, nil)
	check(err)
	fmt.Println("jobs:", jobs.GetTotalCount())
	_, _, err = client(base, sign(keyPEM, 10*time.Second, 90*time.Second)).Apps.Get(ctx, "")
	if err == nil || !strings.Contains(err.Error(), "'Issued at' claim") {
		fmt.Println("FAIL: a JWT from the future was not refused:", err)
		os.Exit(1)
	}
	fmt.Println("future JWT:", err)
}

func must(b []byte, err error) []byte {
	check(err)
	return b
}
