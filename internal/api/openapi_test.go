package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestEveryRouteIsDocumented keeps openapi.json true: every route the
// server has is documented, and every documented operation is served.
func TestEveryRouteIsDocumented(t *testing.T) {
	doc := loadDoc(t)
	routed := map[string]bool{}
	for _, rt := range (&Server{}).routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		op := strings.ToLower(method) + " " + path
		routed[op] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %s is not in the OpenAPI document", rt.Pattern)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			if !routed[method+" "+path] {
				t.Errorf("the OpenAPI document has %s %s, which no route serves", strings.ToUpper(method), path)
			}
		}
	}
}

type openAPIDoc struct {
	Paths map[string]map[string]json.RawMessage `json:"paths"`
}

func loadDoc(t testing.TB) openAPIDoc {
	t.Helper()
	raw, err := OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// responseSchemas compiles the documented response schemas once.
var responseSchemas = sync.OnceValues(func() (*jsonschema.Compiler, error) {
	raw, err := OpenAPIDocument()
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	return c, c.AddResource("openapi.json", doc)
})

// checkResponse validates body against the schema documented for the
// operation and status. It fails the test if the status is undocumented.
func checkResponse(t testing.TB, method, path string, status int, contentType string, body []byte) {
	t.Helper()
	doc := loadDoc(t)
	tmpl := matchPath(doc, path)
	if tmpl == "" {
		t.Errorf("%s %s: no documented path matches", method, path)
		return
	}
	var op struct {
		Responses map[string]json.RawMessage `json:"responses"`
	}
	json.Unmarshal(doc.Paths[tmpl][strings.ToLower(method)], &op)
	if _, ok := op.Responses[strconv.Itoa(status)]; !ok && !anyOperationMay[status] {
		t.Errorf("%s %s answered %d, which the OpenAPI document does not list", method, tmpl, status)
		return
	}
	if len(body) == 0 || !strings.Contains(contentType, "json") {
		return
	}
	ptr := schemaPointer(tmpl, strings.ToLower(method), status, contentType)
	validate(t, fmt.Sprintf("%s %s %d", method, tmpl, status), ptr, body)
}

// anyOperationMay lists the statuses base.json says every operation may
// answer, with a problem body: wrong kind of key, body too large, too many
// requests, and our own failures.
var anyOperationMay = map[int]bool{403: true, 413: true, 429: true, 500: true, 503: true}

func schemaPointer(tmpl, method string, status int, contentType string) string {
	esc := strings.NewReplacer("~", "~0", "/", "~1").Replace(tmpl)
	media := "application/json"
	if strings.HasPrefix(contentType, "application/problem+json") {
		return "openapi.json#/components/schemas/Problem"
	}
	return fmt.Sprintf("openapi.json#/paths/%s/%s/responses/%d/content/%s/schema", esc, method, status,
		strings.ReplaceAll(media, "/", "~1"))
}

func validate(t testing.TB, what, ptr string, body []byte) {
	t.Helper()
	c, err := responseSchemas()
	if err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(ptr)
	if err != nil {
		t.Errorf("%s: compile %s: %v", what, ptr, err)
		return
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s: body is not JSON: %v", what, err)
		return
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s: the response does not match the documented schema: %v\nbody: %s", what, err, body)
	}
}

// matchPath finds the documented path template that path fits, preferring
// literal segments over parameters.
func matchPath(doc openAPIDoc, path string) string {
	segs := strings.Split(strings.SplitN(path, "?", 2)[0], "/")
	best, bestScore := "", -1
	for tmpl := range doc.Paths {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		score := 0
		for i := range ts {
			switch {
			case ts[i] == segs[i]:
				score++
			case strings.HasPrefix(ts[i], "{"):
			default:
				score = -1
			}
			if score < 0 {
				break
			}
		}
		if score > bestScore {
			best, bestScore = tmpl, score
		}
	}
	return best
}
