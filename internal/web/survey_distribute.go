package web

import (
	"html/template"
	"net/http"
	"strings"

	"rsc.io/qr"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/respond"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// distributeData is how a survey reaches customers: its public link and
// QR code, and personal links made for a list of customers.
type distributeData struct {
	Survey     *survey.Survey
	PublicURL  string
	QR         template.HTML // our own SVG, drawn from the link
	Recipients string
	Invited    []survey.Invited
	Refused    []survey.ItemError
}

// surveyDistribute serves GET /surveys/{id}/distribute.
func (c *Console) surveyDistribute(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := c.surveyOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageSurveyDistribute, c.distributeData(r, s))
}

func (c *Console) distributeData(r *http.Request, s *survey.Survey) distributeData {
	d := distributeData{Survey: s}
	if s.PublicSlug != "" && s.Status == survey.Published {
		d.PublicURL = c.base(r) + "/s/p/" + s.PublicSlug
		if code, err := qr.Encode(d.PublicURL, qr.M); err == nil {
			d.QR = template.HTML(respond.SVG(code)) // only our path data and numbers
		}
	}
	return d
}

// createLinks serves POST /surveys/{id}/links: one personal link per line
// of phone numbers or e-mail addresses; lines that are refused say why,
// the rest get their links.
func (c *Console) createLinks(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := c.surveyOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d := c.distributeData(r, s)
	d.Recipients = r.PostFormValue("recipients")
	iv := &survey.Inviter{DB: c.db, Workspace: v.Workspace, BaseURL: c.base(r)}
	d.Invited, d.Refused, err = iv.Invite(withoutCancel(r), s, survey.InviteRequest{Channel: "link", Recipients: recipients(d.Recipients)})
	if err != nil {
		c.formError(w, r, v, pageSurveyDistribute, d, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageSurveyDistribute, d)
}

// recipients reads one phone number or e-mail address a line.
func recipients(text string) []survey.Recipient {
	var out []survey.Recipient
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(latin(line)); line != "" {
			kind := customer.Phone
			if strings.Contains(line, "@") {
				kind = customer.Email
			}
			out = append(out, survey.Recipient{Identities: []customer.Identity{{Kind: kind, Value: line}}})
		}
	}
	return out
}

// base is the console's public address.
func (c *Console) base(r *http.Request) string {
	if c.baseURL != "" {
		return c.baseURL
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}
