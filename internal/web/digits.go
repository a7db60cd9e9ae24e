package web

import "github.com/tajrobe/tajrobe/internal/locale"

// latin turns Persian and Arabic-Indic digits typed in a form into ASCII.
func latin(s string) string { return locale.LatinDigits(s) }
