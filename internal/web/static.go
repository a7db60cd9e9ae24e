package web

import (
	"io/fs"
	"net/http"
)

// staticHandler serves the console's own CSS and JavaScript. Their URLs
// carry the version, so browsers may keep them for a day.
func staticHandler() http.Handler {
	sub, _ := fs.Sub(assets, "static") // the directory is embedded; Sub cannot fail
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}
