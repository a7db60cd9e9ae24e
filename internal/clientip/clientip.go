// Package clientip finds the address a request came from. Behind a load
// balancer or a TLS proxy every request arrives from the proxy; the
// client's own address is then the last one in X-Forwarded-For that no
// trusted proxy added. Only proxies the deployment names are believed: a
// client can write any X-Forwarded-For it likes.
package clientip

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Resolver knows the proxies a deployment trusts. The zero Resolver, and a
// nil one, trust none and take the connection's address.
type Resolver struct {
	trusted []netip.Prefix
}

// Parse reads a comma-separated list of proxy addresses and networks, such
// as "10.0.0.0/8, 192.168.1.5". An empty list trusts no proxy.
func Parse(list string) (*Resolver, error) {
	r := &Resolver{}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			r.trusted = append(r.trusted, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is neither an address nor a network (such as 10.0.0.0/8)", item)
		}
		r.trusted = append(r.trusted, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return r, nil
}

// Of returns the client address of req: the connection's peer, or, when
// that peer is a trusted proxy, the nearest address in X-Forwarded-For that
// is not one.
func (r *Resolver) Of(req *http.Request) string {
	peer := req.RemoteAddr
	if host, _, err := net.SplitHostPort(peer); err == nil {
		peer = host
	}
	if r == nil || len(r.trusted) == 0 || !r.trusts(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(req.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if hop == "" {
			continue
		}
		if !r.trusts(hop) {
			return hop
		}
		peer = hop
	}
	return peer // every hop is a trusted proxy: the farthest one
}

func (r *Resolver) trusts(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range r.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
