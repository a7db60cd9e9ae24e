package web

import (
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"
)

func TestEveryPageTemplateIsRegistered(t *testing.T) {
	files, _ := fs.Glob(assets, "templates/pages/*.html")
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".html"))
	}
	want := slices.Clone(allPages)
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("page files %v, registered pages %v", names, want)
	}
	pages, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range allPages {
		for _, def := range []string{"layout", "title", "content"} {
			if pages[name].Lookup(def) == nil {
				t.Errorf("page %s has no %q template", name, def)
			}
		}
	}
}

var (
	tag           = regexp.MustCompile(`<[^>]*>`)
	visibleAttr   = regexp.MustCompile(`(placeholder|title|aria-label|alt|data-confirm)="([^"]*)"`)
	hasLetter     = func(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }
	actionMarker  = "\x00"
	templateGlobs = []string{"templates/*.html", "templates/pages/*.html"}
)

// TestTemplatesHaveNoHardCodedText checks that every word a person reads
// comes from the message catalog: outside tags, and in attributes people
// see, templates hold only actions, punctuation and spaces.
func TestTemplatesHaveNoHardCodedText(t *testing.T) {
	for _, glob := range templateGlobs {
		files, _ := fs.Glob(assets, glob)
		for _, f := range files {
			set, err := template.New("").Funcs(funcs).ParseFS(assets, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, tt := range set.Templates() {
				if tt.Tree == nil {
					continue
				}
				var b strings.Builder
				flatten(tt.Tree.Root, &b)
				text := b.String()
				for _, m := range visibleAttr.FindAllStringSubmatch(text, -1) {
					if hasLetter(strings.ReplaceAll(m[2], actionMarker, "")) {
						t.Errorf("%s %s: hard-coded %s=%q", f, tt.Name(), m[1], m[2])
					}
				}
				if rest := tag.ReplaceAllString(text, " "); hasLetter(rest) {
					t.Errorf("%s %s: hard-coded text %q", f, tt.Name(), strings.Join(strings.Fields(strings.ReplaceAll(rest, actionMarker, " ")), " "))
				}
			}
		}
	}
}

// flatten writes a template's literal text with actionMarker for actions.
func flatten(n parse.Node, b *strings.Builder) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				flatten(c, b)
			}
		}
	case *parse.TextNode:
		b.Write(n.Text)
	case *parse.IfNode:
		b.WriteString(actionMarker)
		flatten(n.List, b)
		flatten(n.ElseList, b)
	case *parse.RangeNode:
		b.WriteString(actionMarker)
		flatten(n.List, b)
		flatten(n.ElseList, b)
	case *parse.WithNode:
		b.WriteString(actionMarker)
		flatten(n.List, b)
		flatten(n.ElseList, b)
	default:
		b.WriteString(actionMarker)
	}
}
