// Package textan reads what customers write, in Persian and English, on the
// customer's own server: it normalises text, detects its language, scores its
// sentiment (overall and per aspect), maps it to CX themes and emotions, and
// learns from a workspace's own scored comments.
//
// Everything here is pure Go with hand-written lexicons (lexicon/*.txt) and
// default themes (themes.go); no model is downloaded and no service is called.
// An Analyzer is safe for concurrent use once built.
package textan
