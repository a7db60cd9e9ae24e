// Package loadtest drives a real Tajrobe server over HTTP with Segment
// requests and measures what a sender sees: events per second, latency
// percentiles, and the server process's peak memory.
package loadtest

import (
	"bytes"
	"context"
	"encoding/base64"
	"math/rand/v2"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Config says how to load the server.
type Config struct {
	URL      string        // the server, e.g. http://127.0.0.1:8080
	WriteKey string        // a write key of the workspace
	Batch    int           // events per request; 1 sends to /v1/track, more to /v1/batch
	Workers  int           // concurrent senders
	Duration time.Duration // how long to send and measure
	Warmup   time.Duration // how long to send first, the same way, without measuring
	Rate     int           // events per second to offer; 0 sends as fast as answers come
	Users    int           // distinct people the events come from
	Seed     uint64
}

// Result is what the run measured.
type Result struct {
	Events   int64         `json:"events"`   // events acknowledged with 2xx
	Warmup   int64         `json:"warmup"`   // events acknowledged during the warm-up, not in Events
	Requests int64         `json:"requests"` // requests acknowledged with 2xx
	Failed   int64         `json:"failed"`   // requests answered otherwise or not at all
	Elapsed  time.Duration `json:"elapsed"`
	P50      time.Duration `json:"p50"`
	P90      time.Duration `json:"p90"`
	P99      time.Duration `json:"p99"`
	Max      time.Duration `json:"max"`
	FirstErr string        `json:"first_error,omitempty"`
}

// EventsPerSecond is the acknowledged throughput.
func (r Result) EventsPerSecond() float64 { return float64(r.Events) / r.Elapsed.Seconds() }

// Run sends load for the warm-up and then the duration, and returns the
// measurements of the duration. Latency counts from when a request was
// due, not when it was sent, so a server that falls behind an offered rate
// shows it (no coordinated omission); a warm-up request answered late
// delays the first measured ones, which then count it.
func Run(ctx context.Context, cfg Config) Result {
	if cfg.Batch < 1 {
		cfg.Batch = 1
	}
	run := &runner{cfg: cfg, auth: "Basic " + base64.StdEncoding.EncodeToString([]byte(cfg.WriteKey+":")),
		gen: &Generator{Batch: cfg.Batch, Users: cfg.Users, Seed: cfg.Seed}}
	senders, err := run.connect(cfg.Workers)
	if err != nil {
		run.count(err, false)
		return run.res
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Warmup+cfg.Duration)
	defer cancel()
	run.measured = time.Now().Add(cfg.Warmup)
	due := run.schedule(ctx)
	lat := make([][]time.Duration, cfg.Workers)
	var wg sync.WaitGroup
	for w, s := range senders {
		wg.Go(func() { lat[w] = run.worker(ctx, w, s, due) })
	}
	wg.Wait()
	res := run.res
	res.Elapsed = time.Since(run.measured)
	percentiles(&res, lat)
	return res
}

type runner struct {
	cfg      Config
	measured time.Time // requests due from then on are measured
	auth     string
	gen      *Generator
	mu       sync.Mutex
	res      Result
}

// schedule yields the time each request is due: at the offered rate, or
// now, always, when no rate is set.
func (r *runner) schedule(ctx context.Context) <-chan time.Time {
	due := make(chan time.Time, r.cfg.Workers)
	go func() {
		defer close(due)
		start := time.Now()
		for i := 0; ; i++ {
			at := time.Now()
			if r.cfg.Rate > 0 {
				at = start.Add(time.Duration(float64(i*r.cfg.Batch) / float64(r.cfg.Rate) * float64(time.Second)))
				if d := time.Until(at); d > 0 {
					select {
					case <-time.After(d):
					case <-ctx.Done():
						return
					}
				}
			}
			select {
			case due <- at:
			case <-ctx.Done():
				return
			}
		}
	}()
	return due
}

// connect opens every worker's connection before the first request is
// due, as SDKs that have been sending keep theirs open: a run measures the
// server answering, not the load generator dialling.
func (r *runner) connect(workers int) ([]*sender, error) {
	senders := make([]*sender, workers)
	for w := range senders {
		s, err := newSender(r.cfg.URL, r.auth)
		if err == nil {
			_, err = s.dial()
		}
		if err != nil {
			for _, s := range senders[:w] {
				s.close()
			}
			return nil, err
		}
		senders[w] = s
	}
	return senders, nil
}

func (r *runner) worker(ctx context.Context, w int, s *sender, due <-chan time.Time) []time.Duration {
	rng := rand.New(rand.NewPCG(r.cfg.Seed, uint64(w)))
	var lat []time.Duration
	var buf bytes.Buffer
	defer s.close()
	for at := range due {
		buf.Reset()
		path := r.gen.Body(&buf, rng)
		err := s.send(path, buf.Bytes())
		if ctx.Err() != nil && err != nil {
			return lat // cut off by the end of the run, not the server's fault
		}
		warm := at.Before(r.measured)
		r.count(err, warm)
		if err == nil && !warm {
			lat = append(lat, time.Since(at))
		}
	}
	return lat
}

func (r *runner) count(err error, warm bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err == nil && warm:
		r.res.Warmup += int64(r.cfg.Batch)
		return
	case err != nil:
		r.res.Failed++
		if r.res.FirstErr == "" {
			r.res.FirstErr = err.Error()
		}
		return
	}
	r.res.Requests++
	r.res.Events += int64(r.cfg.Batch)
}

func percentiles(res *Result, per [][]time.Duration) {
	var all []time.Duration
	for _, l := range per {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	at := func(q float64) time.Duration { return all[min(len(all)-1, int(q*float64(len(all))))] }
	res.P50, res.P90, res.P99, res.Max = at(.50), at(.90), at(.99), all[len(all)-1]
}

// events names what the load sends, with the weight of a shop's day.
var events = []string{"Product Viewed", "Product Viewed", "Product Viewed", "Product Added", "Checkout Started",
	"Order Completed", "Delivery Late", "Support Ticket Opened", "Review Submitted"}

// Generator writes the requests of a run: the same events the bench
// sends, for in-process benchmarks too.
type Generator struct {
	Batch int    // events per request; 1 writes single /v1/track calls
	Users int    // distinct people the events come from
	Seed  uint64 // makes message ids unique per run
	seq   atomic.Int64
}

// Body writes one request: a single track call or a batch of them, and
// returns the path it goes to. It is written by hand, not through
// encoding/json, so the load generator spends its share of the machine's
// two cores on sending, not encoding.
func (g *Generator) Body(b *bytes.Buffer, rng *rand.Rand) string {
	if g.Batch <= 1 {
		g.event(b, rng)
		return "/v1/track"
	}
	b.WriteString(`{"batch":[`)
	for i := range g.Batch {
		if i > 0 {
			b.WriteByte(',')
		}
		g.event(b, rng)
	}
	b.WriteString(`],"sentAt":"` + time.Now().UTC().Format(time.RFC3339Nano) + `"}`)
	return "/v1/batch"
}

func (g *Generator) event(b *bytes.Buffer, rng *rand.Rand) {
	user := strconv.Itoa(rng.IntN(max(g.Users, 1)))
	seq := strconv.FormatInt(g.seq.Add(1), 36)
	b.WriteString(`{"type":"track","messageId":"lt-` + strconv.FormatUint(g.Seed, 36) + `-` + seq + `","userId":"user-` + user +
		`","anonymousId":"anon-` + user + `","event":"` + events[rng.IntN(len(events))] +
		`","timestamp":"` + time.Now().UTC().Format(time.RFC3339Nano) +
		`","properties":{"sku":"SH-` + strconv.Itoa(rng.IntN(5000)) + `","price":` + strconv.Itoa(100000+rng.IntN(9000000)) +
		`,"currency":"IRR","note":"کفش ورزشی"},"context":{"library":{"name":"loadtest","version":"1"},"ip":"10.0.0.1"}}`)
}
