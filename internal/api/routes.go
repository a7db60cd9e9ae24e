package api

import "net/http"

// route is one entry of the API: the method-and-path pattern and its
// handler. The OpenAPI test checks this list against openapi.json.
type route struct {
	Pattern string
	Handler http.Handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET /healthz", http.HandlerFunc(s.healthz)},
		{"GET /readyz", http.HandlerFunc(s.readyz)},
		{"GET /metrics", s.metricsHandler()},
		{"GET /api/v1/openapi.json", http.HandlerFunc(s.openAPI)},

		{"POST /api/v1/customers", s.secret(s.createCustomer)},
		{"GET /api/v1/customers/lookup", s.secret(s.lookupCustomer)},
		{"GET /api/v1/customers/{id}", s.secret(s.getCustomer)},
		{"PATCH /api/v1/customers/{id}", s.secret(s.updateCustomer)},
		{"GET /api/v1/customers/{id}/timeline", s.secret(s.customerTimeline)},
		{"POST /api/v1/customers/{id}/merge", s.secret(s.mergeCustomer)},
		{"POST /api/v1/merges/{id}/undo", s.secret(s.undoMerge)},

		{"GET /api/v1/touchpoints", s.secret(s.listTouchpoints)},
		{"POST /api/v1/touchpoints", s.secret(s.createTouchpoint)},
		{"GET /api/v1/touchpoints/{key}", s.secret(s.getTouchpoint)},
		{"PATCH /api/v1/touchpoints/{key}", s.secret(s.updateTouchpoint)},
		{"DELETE /api/v1/touchpoints/{key}", s.secret(s.deleteTouchpoint)},
	}
}
