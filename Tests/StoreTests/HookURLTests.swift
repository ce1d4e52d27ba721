import Store
import Testing

/// Hook URLs as GHES takes them: absolute http(s), a host, special characters encoded.
@Suite struct HookURLTests {
    @Test(arguments: [
        "http://127.0.0.1:8080/hook", "https://example.com", "https://user:pw@host.example/a/b?x=1&y=%20#frag",
        "http://[::1]:9/", "http://localhost:65535", "https://hooks.example/a;b=c/~d!$'()*+,@:",
    ])
    func aWellFormedURLIsTaken(url: String) {
        #expect(HookURL.isValid(url))
    }

    @Test(arguments: [
        "http://", "http:///x", "http://host:/x", "http://host:65536", "http://host:1x", "http://ho st/",
        "https://example.com/a\"", "http://[::1", "http://[]/", "http://[::1]x/", "http://h/%zz", "http://h/%4",
        "http://h/a#b#c", "ftp://h", "http://h/ü", "http://h/<x>", "HTTP://h", "http://h\\x",
    ])
    func anythingElseIsRefused(url: String) {
        #expect(!HookURL.isValid(url))
    }
}
