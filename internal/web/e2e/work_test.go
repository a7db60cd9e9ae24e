package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// closeCase opens the first case of the inbox, tries to close it without
// a root cause (refused, with the reason on the page), then closes it
// with the first root cause of the workspace's list.
func closeCase(t *testing.T, ctx context.Context, d demoServer, shots *shots) {
	t.Helper()
	do(t, ctx, "case inbox", chromedp.Navigate(d.url+"/cases"), chromedp.WaitVisible(chromedp.ID("inbox")),
		shots.take("cases-fa"), chromedp.Click(chromedp.CSS(`#inbox a[href^="/cases/"]`)),
		chromedp.WaitVisible(chromedp.ID("close-form")), shots.take("case-fa"))
	do(t, ctx, "close without a root cause",
		chromedp.SendKeys(chromedp.ID("resolution"), "با مشتری تماس گرفتیم و سفارش را دوباره فرستادیم."),
		chromedp.Click(chromedp.ID("close-case")), chromedp.WaitVisible(chromedp.CSS(`main > p.alert[role="alert"]`)))
	if msg := get(t, ctx, chromedp.Text(chromedp.CSS(`main > p.alert`))); !strings.Contains(msg, "علت ریشه‌ای") {
		t.Fatalf("closing without a root cause says %q", msg)
	}
	cause := get(t, ctx, chromedp.Evaluate[string](`document.querySelector('#root_cause option:nth-child(2)').value`))
	do(t, ctx, "close with a root cause", chromedp.SetValue(chromedp.ID("root_cause"), cause),
		chromedp.Click(chromedp.ID("close-case")), chromedp.WaitVisible(chromedp.CSS(`p.flash`)))
	if st := get(t, ctx, chromedp.Text(chromedp.ID("case-status"))); st != "بسته" {
		t.Fatalf("the closed case's status reads %q", st)
	}
	if got := get(t, ctx, chromedp.Text(chromedp.ID("case-cause"))); got != cause {
		t.Fatalf("root cause %q, chose %q", got, cause)
	}
}

// buildSurvey makes a survey, adds a question shown only to detractors,
// and walks the preview as a customer: a low score brings the question.
func buildSurvey(t *testing.T, ctx context.Context, d demoServer, shots *shots) string {
	t.Helper()
	do(t, ctx, "new survey", chromedp.Navigate(d.url+"/surveys"), chromedp.WaitVisible(chromedp.ID("new-survey")),
		shots.take("surveys-fa"),
		chromedp.SendKeys(chromedp.ID("name"), "نظرسنجی پس از تحویل"), chromedp.Click(chromedp.ID("create-survey")),
		chromedp.WaitVisible(chromedp.ID("new-question")))
	do(t, ctx, "add a follow-up question",
		chromedp.SendKeys(chromedp.ID("n-id"), "why"), chromedp.SetValue(chromedp.ID("n-kind"), "text"),
		chromedp.SendKeys(chromedp.ID("n-text_fa"), "چه چیزی ناراحتتان کرد؟"),
		chromedp.SendKeys(chromedp.ID("n-text_en"), "What went wrong?"),
		chromedp.SetValue(chromedp.ID("n-show_if"), "nps"), chromedp.SendKeys(chromedp.ID("n-max"), "۶"),
		chromedp.Click(chromedp.ID("add-question")), chromedp.WaitVisible(chromedp.ID("q-why")),
		previewLoaded(), shots.take("survey-fa"))
	builder := strings.SplitN(get(t, ctx, chromedp.Location()), "?", 2)[0]
	do(t, ctx, "preview as a detractor", chromedp.Navigate(builder+"/preview?lang=fa"),
		chromedp.WaitReady(chromedp.CSS(`input[name="nps"]`)))
	if n := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('textarea[name="why"]').length`)); n != 0 {
		t.Fatal("the preview asks why before the score")
	}
	do(t, ctx, "answer 3",
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`document.querySelector('input[name="nps"][value="3"]').checked = true`)(ctx, t)
			return err
		}),
		chromedp.Submit(chromedp.CSS("form")), chromedp.WaitVisible(chromedp.CSS(`textarea[name="why"]`)))
	if q := get(t, ctx, chromedp.Text(chromedp.CSS("legend"))); !strings.Contains(q, "ناراحتتان") {
		t.Fatalf("the detractor's follow-up reads %q", q)
	}
	return strings.TrimPrefix(builder, d.url)
}

// previewLoaded waits until the builder's preview frame shows the survey.
func previewLoaded() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](`document.getElementById('preview')?.contentDocument?.querySelector('form button') != null`)(ctx, t)
		return err
	})
}

// reopenCase filters the inbox to closed cases, opens the first and
// reopens it with a reason: the case is in progress again, and its
// history ends with the move, the reason beside it, escaped as typed.
func reopenCase(t *testing.T, ctx context.Context, d demoServer) {
	t.Helper()
	const why = "مشتری دوباره زنگ زد: <b>کفش</b> هنوز نرسیده."
	do(t, ctx, "closed cases", chromedp.Navigate(d.url+"/cases"), chromedp.WaitVisible(chromedp.ID("inbox")),
		chromedp.SetValue(chromedp.ID("f-status"), "closed"), chromedp.Submit(chromedp.ID("case-filters")),
		chromedp.WaitReady(chromedp.CSS(`#f-status option[value="closed"][selected]`)),
		chromedp.Click(chromedp.CSS(`#inbox a[href^="/cases/"]`)), chromedp.WaitVisible(chromedp.ID("reopen-form")))
	do(t, ctx, "reopen with a reason", chromedp.SendKeys(chromedp.ID("reason"), why),
		chromedp.Click(chromedp.ID("reopen-case")), chromedp.WaitVisible(chromedp.CSS(`p.flash`)))
	if st := get(t, ctx, chromedp.Text(chromedp.ID("case-status"))); st != "در دست کار" {
		t.Fatalf("the reopened case's status reads %q", st)
	}
	last := get(t, ctx, chromedp.Text(chromedp.CSS(`#notes > li:last-child`)))
	if !strings.Contains(last, "«بسته» به «در دست کار»") || !strings.Contains(last, why) {
		t.Fatalf("the history ends with %q", last)
	}
}

// moveQuestion tries to move the follow-up above the score it depends
// on (refused, with why), then adds a question and moves it up past the
// follow-up.
func moveQuestion(t *testing.T, ctx context.Context, d demoServer, builder string) {
	t.Helper()
	do(t, ctx, "move the follow-up above its score", chromedp.Navigate(d.url+builder), chromedp.WaitVisible(chromedp.ID("q-why")),
		chromedp.Click(chromedp.ID("up-why")), chromedp.WaitVisible(chromedp.CSS(`main > p.alert[role="alert"]`)))
	if msg := get(t, ctx, chromedp.Text(chromedp.CSS(`main > p.alert`))); !strings.Contains(msg, "شرط نمایش") {
		t.Fatalf("moving the follow-up above its score says %q", msg)
	}
	do(t, ctx, "move a new question up",
		chromedp.SendKeys(chromedp.ID("n-id"), "channel"), chromedp.SetValue(chromedp.ID("n-kind"), "text"),
		chromedp.SendKeys(chromedp.ID("n-text_fa"), "از کدام راه خرید کردید؟"),
		chromedp.SendKeys(chromedp.ID("n-text_en"), "How did you buy?"),
		chromedp.Click(chromedp.ID("add-question")), chromedp.WaitVisible(chromedp.ID("q-channel")),
		chromedp.Click(chromedp.ID("up-channel")), chromedp.WaitVisible(chromedp.CSS(`#q-channel + #q-why`)))
	order := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('section.question')].map(q => q.id)`))
	if strings.Join(order, " ") != "q-nps q-channel q-why" {
		t.Fatalf("after moving channel up the questions are %v", order)
	}
}
