package locale

import (
	"sort"
	"strconv"
	"strings"
)

// langRange is one entry of an Accept-Language header.
type langRange struct {
	tag string
	q   float64
}

// ParseAcceptLanguage picks, from an HTTP Accept-Language header such as
// "fa-IR,fa;q=0.9,en-US;q=0.8", the entry of supported the client prefers
// most. A range matches a supported tag equal to it or sharing its base
// language ("fa-IR" matches "fa"); "*" matches the first. Without a match
// it returns supported[0], the default, or "" when supported is empty.
func ParseAcceptLanguage(header string, supported []string) string {
	if len(supported) == 0 {
		return ""
	}
	for _, r := range parseRanges(header) {
		if r.tag == "*" {
			return supported[0]
		}
		if s, ok := matchTag(r.tag, supported); ok {
			return s
		}
	}
	return supported[0]
}

// parseRanges returns the acceptable ranges of header, most wanted first;
// ranges with q=0 or a malformed q are left out.
func parseRanges(header string) []langRange {
	var ranges []langRange
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		r := langRange{tag: strings.ToLower(strings.TrimSpace(tag)), q: 1}
		if p := strings.TrimSpace(params); p != "" {
			v, ok := strings.CutPrefix(strings.ReplaceAll(p, " ", ""), "q=")
			q, err := strconv.ParseFloat(v, 64)
			if !ok || err != nil || q < 0 || q > 1 {
				continue
			}
			r.q = q
		}
		if r.tag != "" && r.q > 0 {
			ranges = append(ranges, r)
		}
	}
	sort.SliceStable(ranges, func(i, j int) bool { return ranges[i].q > ranges[j].q })
	return ranges
}

// matchTag finds tag in supported, exactly first and then by base language.
func matchTag(tag string, supported []string) (string, bool) {
	for _, s := range supported {
		if strings.EqualFold(s, tag) {
			return s, true
		}
	}
	for _, s := range supported {
		if Base(s) == Base(tag) {
			return s, true
		}
	}
	return "", false
}
