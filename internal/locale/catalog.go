package locale

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed messages/*.json
var messageFiles embed.FS

// Catalog holds the product's messages by language and key. It is read
// only once loaded, so one Catalog can serve every request.
type Catalog struct {
	messages map[string]map[string]string // language → key → message
}

// NewCatalog loads the messages embedded in the binary, one file per
// language (messages/fa.json, messages/en.json).
func NewCatalog() (*Catalog, error) {
	return LoadCatalog(messageFiles, "messages")
}

// LoadCatalog loads every "<lang>.json" file in dir of fsys; each holds a
// flat JSON object from message key to message.
func LoadCatalog(fsys fs.FS, dir string) (*Catalog, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("locale: list messages: %w", err)
	}
	c := &Catalog{messages: make(map[string]map[string]string)}
	for _, name := range names {
		msgs, err := readMessages(fsys, name)
		if err != nil {
			return nil, err
		}
		c.messages[Base(strings.TrimSuffix(path.Base(name), ".json"))] = msgs
	}
	if _, ok := c.messages[English]; !ok {
		return nil, fmt.Errorf("locale: no English messages in %s", dir)
	}
	return c, nil
}

// T returns the message for key in lang, falling back to English and then
// to the key itself, so a missing translation shows up on screen instead
// of as an empty string. With args the message is a fmt format; numbers
// among args are written with the digits of lang.
func (c *Catalog) T(lang, key string, args ...any) string {
	msg, ok := c.lookup(lang, key)
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, localArgs(args, lang)...)
}

// Has reports whether lang itself, without falling back, has key.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.messages[Base(lang)][key]
	return ok
}

// Languages returns the languages the catalog has messages for, sorted.
func (c *Catalog) Languages() []string {
	langs := make([]string, 0, len(c.messages))
	for lang := range c.messages {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	return langs
}

// Keys returns the message keys of lang, sorted.
func (c *Catalog) Keys(lang string) []string {
	msgs := c.messages[Base(lang)]
	keys := make([]string, 0, len(msgs))
	for k := range msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (c *Catalog) lookup(lang, key string) (string, bool) {
	if msg, ok := c.messages[Base(lang)][key]; ok {
		return msg, true
	}
	msg, ok := c.messages[English][key]
	return msg, ok
}
