package respond

import "net/http"

// smsHook and ivrHook take answers from SMS replies and phone keypads;
// they arrive with the channels.
func (h *Handler) smsHook(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
func (h *Handler) ivrHook(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
