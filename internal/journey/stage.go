// Package journey owns the map of the customer's journey: phases and
// stages, the touchpoints where the business meets its customers, and the
// events — signals, positive or negative — recorded at them.
package journey

// Phase is the coarse part of the journey.
type Phase string

// The three phases.
const (
	PrePurchase  Phase = "pre_purchase"
	Purchase     Phase = "purchase"
	PostPurchase Phase = "post_purchase"
)

// Stages lists the finer stages in journey order, each with its phase.
var Stages = []struct {
	Key   string
	Phase Phase
}{
	{"awareness", PrePurchase},
	{"consideration", PrePurchase},
	{"purchase", Purchase},
	{"delivery", PostPurchase},
	{"use", PostPurchase},
	{"support", PostPurchase},
	{"loyalty", PostPurchase},
}

// PhaseOf returns the phase of a stage, and whether the stage is known.
func PhaseOf(stage string) (Phase, bool) {
	for _, s := range Stages {
		if s.Key == stage {
			return s.Phase, true
		}
	}
	return "", false
}

// Channels are the ways a touchpoint reaches the customer.
var Channels = []string{
	"store", "website", "app", "call_center", "email", "sms", "social", "ads",
	"events", "direct_mail", "field_sales", "messaging", "courier", "ivr", "partner", "other",
}

// ValidChannel reports whether ch is a known channel.
func ValidChannel(ch string) bool {
	for _, c := range Channels {
		if c == ch {
			return true
		}
	}
	return false
}

// Metrics a touchpoint's expectation can be set in, with their ranges.
var Metrics = map[string][2]float64{
	"csat": {1, 5}, // mean satisfaction, 1–5
	"nps":  {-100, 100},
	"ces":  {1, 7}, // mean ease, 1–7 (CES 2.0)
}
