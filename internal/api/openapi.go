package api

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
)

// The OpenAPI document is kept in fragments, one per area of the API, so
// each feature documents its own endpoints; they are merged at start-up.
//
//go:embed openapi/*.json
var openAPIFS embed.FS

// fragment is one file's share of the document.
type fragment struct {
	Paths      map[string]json.RawMessage            `json:"paths"`
	Components map[string]map[string]json.RawMessage `json:"components"`
}

// OpenAPIDocument merges base.json with every other fragment. Two
// fragments defining the same path or component is an error.
func OpenAPIDocument() ([]byte, error) {
	var doc map[string]json.RawMessage
	base, err := openAPIFS.ReadFile("openapi/base.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(base, &doc); err != nil {
		return nil, fmt.Errorf("openapi/base.json: %w", err)
	}
	var all fragment
	if err := json.Unmarshal(base, &all); err != nil {
		return nil, err
	}
	if all.Paths == nil {
		all.Paths = map[string]json.RawMessage{}
	}
	names, _ := fs.Glob(openAPIFS, "openapi/*.json")
	sort.Strings(names)
	for _, name := range names {
		if name != "openapi/base.json" {
			if err := mergeFragment(&all, name); err != nil {
				return nil, err
			}
		}
	}
	doc["paths"], _ = json.Marshal(all.Paths)
	doc["components"], _ = json.Marshal(all.Components)
	return json.Marshal(doc)
}

func mergeFragment(all *fragment, name string) error {
	body, err := openAPIFS.ReadFile(name)
	if err != nil {
		return err
	}
	var f fragment
	if err := json.Unmarshal(body, &f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for p, v := range f.Paths {
		if _, dup := all.Paths[p]; dup {
			return fmt.Errorf("%s: path %s is documented twice", name, p)
		}
		all.Paths[p] = v
	}
	for section, items := range f.Components {
		if all.Components[section] == nil {
			all.Components[section] = map[string]json.RawMessage{}
		}
		for k, v := range items {
			if _, dup := all.Components[section][k]; dup {
				return fmt.Errorf("%s: components.%s.%s is defined twice", name, section, k)
			}
			all.Components[section][k] = v
		}
	}
	return nil
}

// openAPI serves the merged OpenAPI 3.1 description of this API.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(s.openAPIDoc)
}
