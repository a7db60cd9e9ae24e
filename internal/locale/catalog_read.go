package locale

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
)

// readMessages decodes one flat JSON message file and rejects what
// json.Unmarshal would let through silently: a key given twice (the first
// translation would be lost) and values that are not strings.
func readMessages(fsys fs.FS, name string) (map[string]string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("locale: read %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("locale: %s: want a JSON object", name)
	}
	msgs := make(map[string]string)
	for dec.More() {
		key, msg, err := readMessage(dec)
		if err != nil {
			return nil, fmt.Errorf("locale: %s: %w", name, err)
		}
		if _, dup := msgs[key]; dup {
			return nil, fmt.Errorf("locale: %s: key %q given twice", name, key)
		}
		msgs[key] = msg
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("locale: %s: %w", name, err)
	}
	return msgs, nil
}

// readMessage reads one "key": "message" pair of an object.
func readMessage(dec *json.Decoder) (key, msg string, err error) {
	tok, err := dec.Token()
	if err != nil {
		return "", "", err
	}
	key, _ = tok.(string)
	if err := dec.Decode(&msg); err != nil {
		return "", "", fmt.Errorf("key %q: %w", key, err)
	}
	return key, msg, nil
}
