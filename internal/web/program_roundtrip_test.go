package web

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

var (
	inputTag    = regexp.MustCompile(`<input[^>]*>`)
	nameAttr    = regexp.MustCompile(`\bname="([^"]+)"`)
	valueAttr   = regexp.MustCompile(`\bvalue="([^"]*)"`)
	textareaTag = regexp.MustCompile(`(?s)<textarea[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>`)
	selectTag   = regexp.MustCompile(`(?s)<select[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>`)
	optionTag   = regexp.MustCompile(`<option value="([^"]*)"([^>]*)>`)
)

// formValues is what a browser would send of the last form on the page
// as it stands: inputs, text areas and the selected options.
func formValues(page string) url.Values {
	page = page[strings.LastIndex(page, "<form"):]
	page = page[:strings.Index(page, "</form>")]
	out := url.Values{}
	for _, tag := range inputTag.FindAllString(page, -1) {
		n, v := nameAttr.FindStringSubmatch(tag), valueAttr.FindStringSubmatch(tag)
		if n != nil && v != nil {
			out.Add(n[1], html.UnescapeString(v[1]))
		} else if n != nil {
			out.Add(n[1], "")
		}
	}
	for _, m := range textareaTag.FindAllStringSubmatch(page, -1) {
		out.Add(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selectTag.FindAllStringSubmatch(page, -1) {
		opts := optionTag.FindAllStringSubmatch(m[2], -1)
		chosen := ""
		for i, o := range opts {
			if i == 0 || strings.Contains(o[2], "selected") {
				chosen = html.UnescapeString(o[1])
			}
		}
		out.Add(m[1], chosen)
	}
	out.Set("op", "save")
	return out
}

// TestReadyProgramsGoThroughTheEditorUnchanged opens each ready program
// in the editor and saves the form as it stands: nothing is lost or
// changed on the way, whatever its trigger, branches, conditions, goal
// or exits.
func TestReadyProgramsGoThroughTheEditorUnchanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ws, _ := workspace.Get(ctx, db, f.ws1)
		c := f.signIn(t, "marketer@a.test")
		shop := program.Shop{Lang: "fa", Purchase: "Staff <b>Helped</b>", Mention: "Staff <b>Helped</b>", Warranty: "warranty_ends"}
		for _, p := range program.Ready(shop) {
			if err := db.InTx(ctx, func(tx *store.Tx) error { return program.Save(ctx, tx, ws, "test", p) }); err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			_, page := c.get(programPath(p.ID))
			res, body := c.post(programPath(p.ID), formValues(page), nil)
			if res.StatusCode != 303 {
				t.Fatalf("%s: %d %s", p.Name, res.StatusCode, body[strings.Index(body, `role="alert"`):][:300])
			}
			after, _ := program.Get(ctx, db, f.ws1, p.ID)
			if a, b := bodyJSON(p), bodyJSON(after); a != b {
				t.Errorf("%s changed in the editor:\n%s\n%s", p.Name, a, b)
			}
		}
	})
}

func bodyJSON(p *program.Program) string {
	b, _ := json.Marshal(map[string]any{"name": p.Name, "trigger": p.Trigger, "steps": p.Steps, "goal": p.Goal, "exit": p.Exit, "reentry": p.Reentry})
	return string(b)
}
