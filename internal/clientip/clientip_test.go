package clientip

import (
	"net/http"
	"testing"
)

func TestOf(t *testing.T) {
	lb, err := Parse("10.0.0.0/8, 192.168.1.5")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, remote, xff string
		r                 *Resolver
		want              string
	}{
		{"no proxy trusted", "203.0.113.9:5000", "198.51.100.1", nil, "203.0.113.9"},
		{"a client's own header is not believed", "203.0.113.9:5000", "198.51.100.1", lb, "203.0.113.9"},
		{"through the load balancer", "10.1.2.3:5000", "198.51.100.1", lb, "198.51.100.1"},
		{"a forged hop before the real one", "10.1.2.3:5000", "1.2.3.4, 198.51.100.1", lb, "198.51.100.1"},
		{"two trusted proxies", "192.168.1.5:80", "198.51.100.1, 10.9.9.9", lb, "198.51.100.1"},
		{"trusted proxy with no header", "10.1.2.3:5000", "", lb, "10.1.2.3"},
		{"IPv6 client", "10.1.2.3:5000", "2001:db8::1", lb, "2001:db8::1"},
		{"an IPv4-mapped proxy address", "[::ffff:10.1.2.3]:5000", "198.51.100.7", lb, "198.51.100.7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := &http.Request{RemoteAddr: c.remote, Header: http.Header{}}
			if c.xff != "" {
				req.Header.Set("X-Forwarded-For", c.xff)
			}
			if got := c.r.Of(req); got != c.want {
				t.Fatalf("Of = %q, want %q", got, c.want)
			}
		})
	}
}

func TestParseRefusesWhatIsNoAddress(t *testing.T) {
	if _, err := Parse("10.0.0.0/8, proxy.local"); err == nil {
		t.Fatal("a host name must be refused: only addresses are compared")
	}
	if r, err := Parse(" "); err != nil || len(r.trusted) != 0 {
		t.Fatalf("an empty list trusts nothing: %v %v", r, err)
	}
}
