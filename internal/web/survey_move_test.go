package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// TestReorderQuestions moves the template's questions up and down with
// plain form posts; a move that would put a follow-up before the score it
// depends on is refused with the reason and changes nothing.
func TestReorderQuestions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		sv := f.mustSurvey(t, f.ws1, "پس از خرید")
		c := f.signIn(t, "marketer@a.test")
		path := fmt.Sprintf("/surveys/%d", sv)
		_, body := c.get(path)
		if !strings.Contains(body, `id="up-nps" disabled`) || !strings.Contains(body, `id="down-liked" disabled`) ||
			!strings.Contains(body, `action="`+path+`/questions/why/move"`) {
			t.Fatal("the builder lacks the move buttons, or offers moves off the ends")
		}
		order := func() string {
			s, err := survey.Get(t.Context(), db, f.ws1, sv)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, q := range s.Questions {
				ids = append(ids, q.ID)
			}
			return strings.Join(ids, " ")
		}
		for _, m := range []struct{ q, dir, want string }{{"liked", "up", "nps liked why"}, {"nps", "up", "nps liked why"},
			{"liked", "down", "nps why liked"}} {
			if res, _ := c.post(path+"/questions/"+m.q+"/move", url.Values{"dir": {m.dir}}, nil); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("move %s %s: %d", m.q, m.dir, res.StatusCode)
			}
			if got := order(); got != m.want {
				t.Fatalf("after moving %s %s: %s, want %s", m.q, m.dir, got, m.want)
			}
		}
		for _, m := range []struct{ q, dir, msg string }{{"why", "up", "باید پس از پرسشی بیاید"}, {"nps", "down", "باید پس از پرسشی بیاید"},
			{"why", "sideways", "فقط می‌توان یک جا بالا یا پایین برد"}} {
			res, body := c.post(path+"/questions/"+m.q+"/move", url.Values{"dir": {m.dir}}, nil)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, m.msg) {
				t.Errorf("move %s %s: %d", m.q, m.dir, res.StatusCode)
			}
		}
		if got := order(); got != "nps why liked" {
			t.Fatalf("refused moves changed the order: %s", got)
		}
	})
}

// TestBadQuestionMoves: another workspace's survey and an unknown
// question are not found; a role that does not manage surveys is refused.
func TestBadQuestionMoves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mine, other := f.mustSurvey(t, f.ws1, "ما"), f.mustSurvey(t, f.ws2, "Napoli")
		c := f.signIn(t, "owner@a.test")
		for _, p := range []string{fmt.Sprintf("/surveys/%d/questions/liked/move", other), fmt.Sprintf("/surveys/%d/questions/nope/move", mine),
			"/surveys/abc/questions/liked/move"} {
			if res, _ := c.post(p, url.Values{"dir": {"up"}}, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d", p, res.StatusCode)
			}
		}
		a := f.signIn(t, "agent@a.test")
		if res, _ := a.post(fmt.Sprintf("/surveys/%d/questions/liked/move", mine), url.Values{"dir": {"up"}}, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("an agent moved a question: %d", res.StatusCode)
		}
		s, _ := survey.Get(t.Context(), db, f.ws2, other)
		if s.Questions[2].ID != "liked" {
			t.Fatal("Napoli's survey changed")
		}
	})
}
