package web

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHomeSpeaksTheVisitorsLanguage(t *testing.T) {
	p, err := New("test")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ query, accept, want, dir string }{
		{"", "fa-IR,fa;q=0.9,en;q=0.5", "تجربه در حال اجراست.", `dir="rtl"`},
		{"", "en-US", "Tajrobe is running.", `dir="ltr"`},
		{"?lang=fa", "en-US", "تجربه در حال اجراست.", `dir="rtl"`},
		{"?lang=<script>", "en", "Tajrobe is running.", `lang="en"`},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/"+c.query, nil)
		r.Header.Set("Accept-Language", c.accept)
		p.Home(rec, r)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, c.want) || !strings.Contains(body, c.dir) || strings.Contains(body, "<script>") {
			t.Errorf("%q %q: %d\n%s", c.query, c.accept, rec.Code, body)
		}
	}
}
