package track

import (
	"strings"
	"testing"
)

func TestSplitBatchSlicesEachMessage(t *testing.T) {
	for _, c := range []struct {
		name, body, sentAt string
		want               []string
	}{
		{"compact", `{"batch":[{"a":1},{"b":[1,2,{"c":"],}"}]}],"sentAt":"2025-01-01T00:00:00Z"}`, "2025-01-01T00:00:00Z",
			[]string{`{"a":1}`, `{"b":[1,2,{"c":"],}"}]}`}},
		{"spaced", "{ \"Batch\" :\n [ {\"a\":1} ,\n\t\"text\" , 7 ] , \"SENTAT\": null }", "", []string{`{"a":1}`, `"text"`, `7`}},
		{"a repeated name's last value", `{"batch":[1,2],"batch":[3],"sentAt":"x","sentAt":"y"}`, "y", []string{`3`}},
		{"other fields skipped", `{"writeKey":"k","context":{"batch":[9]},"batch":[{"x":"سلام"}]}`, "", []string{`{"x":"سلام"}`}},
		{"empty", `{"batch":[]}`, "", nil},
		{"null", `{"batch":null}`, "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, sentAt, err := splitBatch([]byte(c.body))
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, m := range got {
				s = append(s, string(m))
			}
			if strings.Join(s, "|") != strings.Join(c.want, "|") || sentAt != c.sentAt {
				t.Errorf("split %s = %q, sentAt %q; want %q, %q", c.body, s, sentAt, c.want, c.sentAt)
			}
		})
	}
}

func TestSplitBatchRefusesWhatIsNotABatch(t *testing.T) {
	for body, want := range map[string]string{
		`{"batch": [`:               "ends before its JSON does",
		`{"batch": [{"a":1}]} x`:    "more after",
		`{"batch": [{"a":1}]}{}`:    "more after",
		`[{"a":1}]`:                 "JSON object with a batch array",
		`{"batch": {"a":1}}`:        "batch must be an array",
		`{"batch": [], "sentAt":1}`: "sentAt must be a string",
		`{"batch": [{"a":1,}]}`:     "not valid JSON",
		``:                          "the body is empty",
	} {
		_, _, err := splitBatch([]byte(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("split %q: err = %v, want one saying %q", body, err, want)
		}
	}
}
