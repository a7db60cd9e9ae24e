package survey_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timeline"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

var ctx = context.Background()

func newWorkspace(t testing.TB, db *store.DB) *workspace.Workspace {
	t.Helper()
	w := &workspace.Workspace{Name: "aria"}
	if err := db.InTx(ctx, func(tx *store.Tx) error { return workspace.Create(ctx, tx, w) }); err != nil {
		t.Fatal(err)
	}
	return w
}

// published makes and publishes a survey from a template.
func published(t testing.TB, db *store.DB, ws int64, template string) *survey.Survey {
	t.Helper()
	s, err := survey.Template(template)
	if err != nil {
		t.Fatal(err)
	}
	if err := survey.Create(ctx, db, ws, "test", &s); err != nil {
		t.Fatal(err)
	}
	p, err := survey.Publish(ctx, db, ws, "test", s.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newCustomer(t testing.TB, db *store.DB, ws int64, phone string) int64 {
	t.Helper()
	ids, _ := customer.NormalizeAll([]customer.Identity{{Kind: customer.Phone, Value: phone}}, "IR")
	var id int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		res, err := customer.Resolve(ctx, tx, ws, ids, nil)
		id = res.CustomerID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func submit(db *store.DB, sub *survey.Submission) (survey.Result, error) {
	var res survey.Result
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		res, err = survey.Submit(ctx, tx, sub)
		return err
	})
	return res, err
}

func answer(t testing.TB, s *survey.Survey, q string, v ...string) *survey.Answer {
	t.Helper()
	qq, _ := s.Question(q)
	a, err := qq.Parse(v)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSubmitEditsWithinTheWindowAndNeverTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "post_purchase_nps")
		cust := newCustomer(t, db, ws.ID, "09121234567")
		now := time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		sub := &survey.Submission{Survey: s, SourceKey: "inv:1", CustomerID: cust, Channel: "web", Language: "fa",
			Answers: []*survey.Answer{answer(t, s, "nps", "3")}, EditFor: time.Hour}
		first, err := submit(db, sub)
		if err != nil || !first.Created {
			t.Fatalf("first = %+v, %v", first, err)
		}
		sub.Answers, sub.Complete = []*survey.Answer{answer(t, s, "why", "پیتزا سرد بود <b>و</b> دیر 🍕")}, true
		if r, err := submit(db, sub); err != nil || r.Created || !r.Completed || r.ResponseID != first.ResponseID {
			t.Fatalf("second = %+v, %v", r, err)
		}
		now = now.Add(30 * time.Minute) // within the edit window: raise the score
		sub.Answers = []*survey.Answer{answer(t, s, "nps", "10")}
		if _, err := submit(db, sub); err != nil {
			t.Fatal(err)
		}
		r, err := survey.ResponseByKey(ctx, db, ws.ID, "inv:1")
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Answers) != 1 || *r.Score != 10 || r.Status != "complete" {
			t.Fatalf("response = %+v; the why answer must go with the low score", r)
		}
		now = now.Add(2 * time.Hour)
		if _, err := submit(db, sub); !errs.Is(err, errs.Conflict) {
			t.Fatalf("after the window = %v, want Conflict", err)
		}
		list, _ := survey.ListResponses(ctx, db, ws.ID, s.ID, 0, 10)
		if len(list) != 1 {
			t.Fatalf("%d responses stored, want exactly 1", len(list))
		}
	})
}

func TestTextRoundTripsExactly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "emotional_connection")
		text := "کفش\u200cها اندازه نبود؛ <script>alert('x')</script> 👟\u200cممنون"
		_, err := submit(db, &survey.Submission{Survey: s, SourceKey: "anon:a", Channel: "web", Language: "fa", Complete: true,
			Answers: []*survey.Answer{answer(t, s, "story", text), answer(t, s, "feelings", "belonging", "worry")}})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := survey.ResponseByKey(ctx, db, ws.ID, "anon:a")
		got := r.AnswerMap()
		if got["story"].Text != text || strings.Join(got["feelings"].Choices, ",") != "belonging,worry" {
			t.Fatalf("answers = %+v", r.Answers)
		}
	})
}

func TestClosedSurveysTakeNoResponses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "delivery_csat")
		if err := survey.Close(ctx, db, ws.ID, "t", s.ID); err != nil {
			t.Fatal(err)
		}
		s, _ = survey.Get(ctx, db, ws.ID, s.ID)
		_, err := submit(db, &survey.Submission{Survey: s, SourceKey: "anon:b", Channel: "web", Language: "en",
			Answers: []*survey.Answer{answer(t, s, "csat", "4")}})
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("submit to closed = %v", err)
		}
	})
}

func TestScoresTimelineAndExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "post_purchase_nps")
		cust := newCustomer(t, db, ws.ID, "09351112233")
		for i, v := range []string{"10", "9", "7", "2"} {
			_, err := submit(db, &survey.Submission{Survey: s, SourceKey: "k" + v, CustomerID: cust, Channel: "sms", Language: "fa",
				Complete: true, Answers: []*survey.Answer{answer(t, s, "nps", v)}, Touchpoint: []string{"checkout", "delivery"}[i%2]})
			if err != nil {
				t.Fatal(err)
			}
		}
		sc, err := survey.ComputeScores(ctx, db, ws.ID, survey.ScoreFilter{SurveyID: s.ID})
		if err != nil || sc.NPS.Count != 4 || *sc.NPS.Score != 25 {
			t.Fatalf("scores = %+v, %v", sc.NPS, err)
		}
		sc, _ = survey.ComputeScores(ctx, db, ws.ID, survey.ScoreFilter{SurveyID: s.ID, Touchpoint: "delivery"})
		if sc.NPS.Count != 2 || *sc.NPS.Score != 0 {
			t.Fatalf("delivery scores = %+v", sc.NPS)
		}
		entries, _, err := timeline.List(ctx, db, []int64{cust}, []timeline.Source{survey.TimelineSource(db.Dialect)}, "", 10)
		if err != nil || len(entries) != 4 || entries[0].Title != "survey.complete" {
			t.Fatalf("timeline = %+v, %v", entries, err)
		}
		var b strings.Builder
		if err := survey.ExportCSV(ctx, db, ws.ID, s.ID, &b); err != nil {
			t.Fatal(err)
		}
		if lines := strings.Count(b.String(), "\n"); lines != 5 {
			t.Fatalf("export has %d lines, want header + 4:\n%s", lines, b.String())
		}
	})
}

func TestImportIsIdempotentAndReportsBadItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "delivery_csat")
		csv := "external_id,answered_at,phone,csat,on_time,why\n" +
			"p-1,2025-02-01T09:00:00Z,۰۹۱۲۱۲۳۴۵۶۷,۲,no,=1+2 cmd\n" +
			"p-2,2025-02-02T09:00:00Z,09121234567,5,yes,\n"
		items, err := s.ParseImportCSV(strings.NewReader(csv))
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, survey.Imported{ExternalID: "p-3", AnsweredAt: time.Now(), Answers: map[string]survey.Values{"csat": {"9"}}})
		for range 2 {
			res, bad, err := survey.Import(ctx, db, s, "IR", items)
			if err != nil || len(res) != 2 || len(bad) != 1 || bad[0].Index != 2 || errs.FieldOf(bad[0].Err) != "csat" {
				t.Fatalf("import = %v, %v, %v", res, bad, err)
			}
		}
		list, _ := survey.ListResponses(ctx, db, ws.ID, s.ID, 0, 10)
		if len(list) != 2 || list[0].CustomerID == nil || *list[0].CustomerID != *list[1].CustomerID {
			t.Fatalf("responses = %+v; want 2 on the same customer", list)
		}
		var b strings.Builder
		survey.ExportCSV(ctx, db, ws.ID, s.ID, &b)
		if !strings.Contains(b.String(), `'=1+2 cmd`) {
			t.Fatalf("a formula must be defused in the export:\n%s", b.String())
		}
		if _, err := s.ParseImportCSV(strings.NewReader("external_id,bogus\nx,1\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Fatalf("bad header = %v", err)
		}
	})
}
