package textan

// Emotions lists the emotion tags Analyze can return, in output order.
var Emotions = []string{
	"anger", "frustration", "disappointment", "worry",
	"joy", "trust", "gratitude", "surprise",
}

func emotionBit(name string) uint16 {
	for i, e := range Emotions {
		if e == name {
			return 1 << i
		}
	}
	return 0
}

// emotionNames turns a bit set into tags, nil when empty so the common
// neutral case allocates nothing.
func emotionNames(bits uint16) []string {
	if bits == 0 {
		return nil
	}
	out := make([]string, 0, 3)
	for i, e := range Emotions {
		if bits&(1<<i) != 0 {
			out = append(out, e)
		}
	}
	return out
}

// adjustEmotions adds tags the words alone do not carry: a strongly
// negative comment shouting with exclamation marks is angry, a strongly
// positive one is joyful; it drops joy from a comment that is negative.
func adjustEmotions(bits uint16, score float64, exclaims int) uint16 {
	joy, anger := emotionBit("joy"), emotionBit("anger")
	switch {
	case score <= -0.6 && exclaims >= 2:
		bits |= anger
	case score >= 0.75 && bits == 0:
		bits |= joy
	}
	if score < 0 {
		bits &^= joy
	}
	if score > 0.3 {
		bits &^= anger | emotionBit("disappointment") | emotionBit("frustration")
	}
	return bits
}
